using System.Numerics;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;
using Pod.Identity;

namespace Pod.Gpc;

/// <summary>
/// Compiles a checked, bound config into the signals of its circuit (gpcCompile's compileProofConfig and
/// compileVerifyConfig), signal for signal as the reference does, and computes the outputs the circuit
/// will produce. Unused slots are filled as the reference fills them: entries copy entry 0 (not
/// revealed), PODs are dummy PODs signed with the all-zero key, and "absent" is r - 1.
/// </summary>
internal static class CircuitCompiler
{
    /// <summary>r - 1, the reference's BABY_JUB_NEGATIVE_ONE: no value, no index, not revealed.</summary>
    private static readonly BigInteger Absent = Fr.Modulus - 1;

    /// <summary>l - 1 (BABY_JUB_SUBGROUP_ORDER_MINUS_ONE), the V4 secret scalar when there is no V4 owner.</summary>
    private static readonly BigInteger AbsentSecretScalar = BabyJubJub.SubgroupOrder - 1;

    /// <summary>The signals of dummy PODs (dummyObjectSignals): content ID podBytesHash("unused POD i"), signed with the zero key.</summary>
    private static readonly Lazy<BigInteger[][]> DummyObjects = new(() =>
    {
        using EdDsaPrivateKey key = EdDsaPrivateKey.Import(new byte[EdDsaPrivateKey.SizeInBytes]);
        int count = GpcCircuitFamily.All.Max(c => c.MaxObjects);
        return Enumerable.Range(0, count).Select(i =>
        {
            Fr message = PodValueHashing.StringHash($"unused POD {i}");
            return ObjectSignals(message, key.PublicKey, key.Sign(message));
        }).ToArray();
    });

    /// <summary>
    /// The full inputs of a proof, and how to compute the outputs the circuit will produce from them
    /// (hashes the reference's gpcPreProve does not compute, so they are computed only when asked for).
    /// </summary>
    public static (GpcCircuitSignals Inputs, Func<GpcCircuitSignals> Outputs) CompileProof(CompilerLayout layout, GpcProofInputs inputs)
    {
        GpcCircuitDescription circuit = layout.Circuit;
        var signals = new List<GpcCircuitSignal>();

        // Objects: the PODs in name order, then dummy PODs.
        BigInteger[][] objects = layout.Pods.Select(name => ObjectSignals(inputs.Pods[name]))
            .Concat(DummyObjects.Value.Take(circuit.MaxObjects - layout.Pods.Count)).ToArray();
        string[] objectNames = ["objectContentID", "objectSignerPubkeyAx", "objectSignerPubkeyAy", "objectSignatureR8x", "objectSignatureR8y", "objectSignatureS"];
        for (int i = 0; i < objectNames.Length; i++)
        {
            signals.Add(GpcCircuitSignal.Vector(objectNames[i], objects.Select(o => o[i]).ToArray()));
        }

        // Entries with their Merkle proofs; spare slots copy entry 0, not revealed.
        var entries = new List<(BigInteger Object, BigInteger NameHash, bool Revealed, PodEntryProof Proof, BigInteger ValueHash)>();
        foreach (var slot in layout.RealEntries)
        {
            SignedPod pod = inputs.Pods[slot.PodName];
            PodEntryProof proof = pod.Content.GenerateEntryProof(slot.EntryName);
            entries.Add((slot.PodIndex, proof.Leaf.ToBigInteger(), slot.IsRevealed, proof, proof.Siblings[0].ToBigInteger()));
        }

        while (entries.Count < circuit.MaxEntries)
        {
            entries.Add(entries[0] with { Revealed = false });
        }

        signals.Add(GpcCircuitSignal.Vector("entryObjectIndex", entries.Select(e => e.Object).ToArray()));
        signals.Add(GpcCircuitSignal.Vector("entryNameHash", entries.Select(e => e.NameHash).ToArray()));
        signals.Add(GpcCircuitSignal.Scalar("entryIsValueHashRevealed", Bits(entries.Select(e => e.Revealed))));
        signals.Add(GpcCircuitSignal.Vector("entryProofDepth", entries.Select(e => (BigInteger)e.Proof.Siblings.Count).ToArray()));
        signals.Add(GpcCircuitSignal.Vector("entryProofIndex", entries.Select(e => (BigInteger)e.Proof.Index).ToArray()));
        signals.Add(GpcCircuitSignal.Matrix(
            "entryProofSiblings",
            entries.Select(e => Pad(e.Proof.Siblings.Select(s => s.ToBigInteger()), circuit.MerkleMaxDepth, BigInteger.Zero)).ToArray(),
            circuit.MerkleMaxDepth));

        signals.Add(VirtualEntryRevealBits(layout));
        var (constraints, firstOwner) = EntryConstraints(layout);
        signals.AddRange(constraints);

        GpcProofOwnerInputs? owner = inputs.Owner;
        BigInteger externalNullifier = WatermarkSignal(owner?.ExternalNullifier);
        signals.Add(GpcCircuitSignal.Scalar("ownerExternalNullifier", externalNullifier));
        BigInteger revealNullifier = owner?.ExternalNullifier is null ? 0 : 1;
        int? ownerV3 = firstOwner[GpcIdentityProtocol.SemaphoreV3];
        int? ownerV4 = firstOwner[GpcIdentityProtocol.SemaphoreV4];
        SemaphoreV3Identity? v3 = ownerV3 is null ? null : owner?.SemaphoreV3;
        SemaphoreIdentity? v4 = ownerV4 is null ? null : owner?.SemaphoreV4;
        signals.Add(Optional("ownerV3EntryIndex", circuit.IncludeOwnerV3, ownerV3 ?? Absent));
        signals.Add(Optional("ownerSemaphoreV3IdentityNullifier", circuit.IncludeOwnerV3, v3?.Nullifier.ToBigInteger() ?? Absent));
        signals.Add(Optional("ownerSemaphoreV3IdentityTrapdoor", circuit.IncludeOwnerV3, v3?.Trapdoor.ToBigInteger() ?? Absent));
        signals.Add(Optional("ownerV3IsNullifierHashRevealed", circuit.IncludeOwnerV3, revealNullifier));
        signals.Add(Optional("ownerV4EntryIndex", circuit.IncludeOwnerV4, ownerV4 ?? Absent));
        signals.Add(Optional("ownerSemaphoreV4SecretScalar", circuit.IncludeOwnerV4, v4?.SecretScalar.ToBigInteger() ?? AbsentSecretScalar));
        signals.Add(Optional("ownerV4IsNullifierHashRevealed", circuit.IncludeOwnerV4, revealNullifier));

        var numeric = NumericEntries(layout);
        BigInteger[] numericValues = numeric
            .SelectMany(n => Enumerable.Repeat(inputs.Pods[n.Slot.PodName].Entries[n.Slot.EntryName].CircuitValue!.Value, n.Checks.Count))
            .ToArray();
        signals.Add(GpcCircuitSignal.Vector("numericValues", Pad(numericValues, circuit.MaxNumericValues, BigInteger.Zero)));
        signals.AddRange(NumericChecks(layout, numeric));
        signals.AddRange(EntryInequalities(layout, numeric));
        signals.Add(TupleIndices(layout));
        signals.AddRange(ListMemberships(layout, inputs.MembershipLists));
        signals.Add(GpcCircuitSignal.Scalar("requireUniqueContentIDs", layout.Config.UniquePods == true ? 1 : 0));
        signals.Add(GpcCircuitSignal.Scalar("globalWatermark", WatermarkSignal(inputs.Watermark)));

        // What the circuit computes: revealed value hashes, and nullifier hashes when an owner and an
        // external nullifier are both present.
        GpcCircuitSignals Outputs() => new(
        [
            GpcCircuitSignal.Vector("entryRevealedValueHash", entries.Select(e => e.Revealed ? e.ValueHash : Absent).ToArray()),
            GpcCircuitSignal.Vector("virtualEntryRevealedValueHash", VirtualEntryHashes(layout, pod => (
                inputs.Pods[pod].ContentId, inputs.Pods[pod].SignerPublicKey), useConfig: true)),
            Optional("ownerV3RevealedNullifierHash", circuit.IncludeOwnerV3, v3 is not null && owner?.ExternalNullifier is not null
                ? NullifierHash(externalNullifier, v3.Nullifier) : Absent),
            Optional("ownerV4RevealedNullifierHash", circuit.IncludeOwnerV4, v4 is not null && owner?.ExternalNullifier is not null
                ? NullifierHash(externalNullifier, v4.SecretScalar) : Absent),
        ]);

        return (new GpcCircuitSignals(signals), Outputs);
    }

    /// <summary>The public inputs and outputs a verifier rebuilds from a bound config and its claims.</summary>
    public static (GpcCircuitSignals PublicInputs, GpcCircuitSignals Outputs) CompileVerify(CompilerLayout layout, GpcRevealedClaims claims)
    {
        GpcCircuitDescription circuit = layout.Circuit;
        var entries = new List<(BigInteger Object, BigInteger NameHash, bool Revealed, BigInteger ValueHash)>();
        foreach (var slot in layout.RealEntries)
        {
            BigInteger valueHash = slot.IsRevealed ? claims.Pods[slot.PodName].Entries![slot.EntryName].Hash.ToBigInteger() : Absent;
            entries.Add((slot.PodIndex, PodValueHashing.StringHash(slot.EntryName).ToBigInteger(), slot.IsRevealed, valueHash));
        }

        while (entries.Count < circuit.MaxEntries)
        {
            entries.Add(entries[0] with { Revealed = false, ValueHash = Absent });
        }

        var signals = new List<GpcCircuitSignal>
        {
            GpcCircuitSignal.Vector("entryObjectIndex", entries.Select(e => e.Object).ToArray()),
            GpcCircuitSignal.Vector("entryNameHash", entries.Select(e => e.NameHash).ToArray()),
            GpcCircuitSignal.Scalar("entryIsValueHashRevealed", Bits(entries.Select(e => e.Revealed))),
            VirtualEntryRevealBits(layout),
        };
        var (constraints, firstOwner) = EntryConstraints(layout);
        signals.AddRange(constraints);

        GpcRevealedOwnerClaims? owner = claims.Owner;
        signals.Add(GpcCircuitSignal.Scalar("ownerExternalNullifier", WatermarkSignal(owner?.ExternalNullifier)));
        BigInteger revealNullifier = owner?.ExternalNullifier is null ? 0 : 1;
        signals.Add(Optional("ownerV3EntryIndex", circuit.IncludeOwnerV3, firstOwner[GpcIdentityProtocol.SemaphoreV3] ?? Absent));
        signals.Add(Optional("ownerV3IsNullifierHashRevealed", circuit.IncludeOwnerV3, revealNullifier));
        signals.Add(Optional("ownerV4EntryIndex", circuit.IncludeOwnerV4, firstOwner[GpcIdentityProtocol.SemaphoreV4] ?? Absent));
        signals.Add(Optional("ownerV4IsNullifierHashRevealed", circuit.IncludeOwnerV4, revealNullifier));

        var numeric = NumericEntries(layout);
        signals.AddRange(NumericChecks(layout, numeric));
        signals.AddRange(EntryInequalities(layout, numeric));
        signals.Add(TupleIndices(layout));
        signals.AddRange(ListMemberships(layout, claims.MembershipLists));
        signals.Add(GpcCircuitSignal.Scalar("requireUniqueContentIDs", layout.Config.UniquePods == true ? 1 : 0));
        signals.Add(GpcCircuitSignal.Scalar("globalWatermark", WatermarkSignal(claims.Watermark)));

        var outputs = new List<GpcCircuitSignal>
        {
            GpcCircuitSignal.Vector("entryRevealedValueHash", entries.Select(e => e.ValueHash).ToArray()),
            GpcCircuitSignal.Vector("virtualEntryRevealedValueHash", VirtualEntryHashes(layout, pod => claims.Pods.TryGetValue(pod, out var c)
                ? (c.ContentId, c.SignerPublicKey) : (null, null), useConfig: false)),
            Optional("ownerV3RevealedNullifierHash", circuit.IncludeOwnerV3, owner?.NullifierHashV3?.ToBigInteger() ?? Absent),
            Optional("ownerV4RevealedNullifierHash", circuit.IncludeOwnerV4, owner?.NullifierHashV4?.ToBigInteger() ?? Absent),
        };
        return (new GpcCircuitSignals(signals), new GpcCircuitSignals(outputs));
    }

    /// <summary>
    /// The watermark or external nullifier signal (makeWatermarkSignal): absent as r - 1, a numeric value as
    /// itself (a negative int stays negative), any other value as its hash.
    /// </summary>
    public static BigInteger WatermarkSignal(PodValue? value) =>
        value is null ? Absent : value.CircuitValue ?? value.Hash.ToBigInteger();

    private static BigInteger NullifierHash(BigInteger externalNullifier, Fr secret) =>
        Poseidon.Hash(Fr.FromBigIntegerReduced(externalNullifier), secret).ToBigInteger();

    private static BigInteger[] ObjectSignals(SignedPod pod) => ObjectSignals(pod.ContentId, pod.SignerPublicKey, pod.Signature);

    private static BigInteger[] ObjectSignals(Fr contentId, EdDsaPublicKey key, EdDsaSignature signature) =>
    [
        contentId.ToBigInteger(),
        key.Point.X.ToBigInteger(),
        key.Point.Y.ToBigInteger(),
        signature.R8.X.ToBigInteger(),
        signature.R8.Y.ToBigInteger(),
        signature.S,
    ];

    /// <summary>Per POD, whether its content ID and its signer's key are revealed (by default: no, yes); spare PODs neither.</summary>
    private static GpcCircuitSignal VirtualEntryRevealBits(CompilerLayout layout) =>
        GpcCircuitSignal.Scalar("virtualEntryIsValueHashRevealed", Bits(layout.Entries.Where(e => e.IsVirtual).Select(e => e.IsRevealed)));

    /// <summary>Per POD the hashes of its revealed content ID and signer's key, r - 1 for hidden ones and spare PODs.</summary>
    private static BigInteger[] VirtualEntryHashes(CompilerLayout layout, Func<string, (Fr? ContentId, EdDsaPublicKey? Signer)> values, bool useConfig)
    {
        var hashes = new List<BigInteger>();
        foreach (string pod in layout.Pods)
        {
            var (contentId, signer) = values(pod);
            bool contentIdRevealed = useConfig ? layout.Find(EntryIdentifiers.Make(pod, EntryIdentifiers.ContentId))!.IsRevealed : contentId is not null;
            bool signerRevealed = useConfig ? layout.Find(EntryIdentifiers.Make(pod, EntryIdentifiers.SignerPublicKey))!.IsRevealed : signer is not null;
            hashes.Add(contentIdRevealed ? Poseidon.Hash(contentId!.Value).ToBigInteger() : Absent);
            hashes.Add(signerRevealed ? Poseidon.Hash(signer!.Value.Point.X, signer.Value.Point.Y).ToBigInteger() : Absent);
        }

        return Pad(hashes, layout.Circuit.MaxVirtualEntries, Absent);
    }

    /// <summary>
    /// Equality constraints and ownership, which share circuitry (compileProofEntryConstraints): each entry
    /// is compared with the first owner entry of its protocol, with the entry it must (not) equal, or with
    /// itself (no constraint). Spare slots compare with themselves.
    /// </summary>
    private static (GpcCircuitSignal[] Signals, Dictionary<GpcIdentityProtocol, int?> FirstOwner) EntryConstraints(CompilerLayout layout)
    {
        var firstOwner = new Dictionary<GpcIdentityProtocol, int?> { [GpcIdentityProtocol.SemaphoreV3] = null, [GpcIdentityProtocol.SemaphoreV4] = null };
        var real = new List<(BigInteger Other, bool Equal)>();
        var virtuals = new List<(BigInteger Other, bool Equal)>();
        foreach (var slot in layout.Entries)
        {
            var list = slot.IsVirtual ? virtuals : real;
            if (slot.EntryConfig?.IsOwnerId is { } protocol)
            {
                firstOwner[protocol] ??= slot.Index;
                list.Add((firstOwner[protocol]!.Value, true));
            }
            else if (slot.Config?.EqualsEntry is { } equal)
            {
                list.Add((layout.Find(equal)!.Index, true));
            }
            else if (slot.Config?.NotEqualsEntry is { } notEqual)
            {
                list.Add((layout.Find(notEqual)!.Index, false));
            }
            else
            {
                list.Add((slot.Index, true));
            }
        }

        for (int i = real.Count; i < layout.Circuit.MaxEntries; i++)
        {
            real.Add((i, true));
        }

        for (int i = virtuals.Count; i < layout.Circuit.MaxVirtualEntries; i++)
        {
            virtuals.Add((layout.Circuit.MaxEntries + i, true));
        }

        var all = real.Concat(virtuals).ToArray();
        GpcCircuitSignal[] signals =
        [
            GpcCircuitSignal.Vector("entryEqualToOtherEntryByIndex", all.Select(e => e.Other).ToArray()),
            GpcCircuitSignal.Scalar("entryIsEqualToOtherEntry", Bits(all.Select(e => e.Equal))),
        ];
        return (signals, firstOwner);
    }

    /// <summary>
    /// The entries with range checks, in circuit order, each with its checks (inRange, then notInRange) and
    /// its position among them (numericValueConfigFromProofConfig). An entry with both takes two numeric
    /// slots but, as in the reference, inequalities still address it by its position.
    /// </summary>
    private static List<(CompilerLayout.EntrySlot Slot, int Position, List<(bool InRange, GpcClosedInterval Interval)> Checks)> NumericEntries(CompilerLayout layout)
    {
        var numeric = new List<(CompilerLayout.EntrySlot, int, List<(bool, GpcClosedInterval)>)>();
        foreach (var slot in layout.RealEntries)
        {
            var checks = new List<(bool, GpcClosedInterval)>();
            if (slot.EntryConfig!.InRange is { } inRange)
            {
                checks.Add((true, inRange));
            }

            if (slot.EntryConfig.NotInRange is { } notInRange)
            {
                checks.Add((false, notInRange));
            }

            if (checks.Count > 0)
            {
                numeric.Add((slot, numeric.Count, checks));
            }
        }

        return numeric;
    }

    /// <summary>The range checks; spare slots check that 0 (index r - 1) lies in [0, 0].</summary>
    private static GpcCircuitSignal[] NumericChecks(CompilerLayout layout, List<(CompilerLayout.EntrySlot Slot, int Position, List<(bool InRange, GpcClosedInterval Interval)> Checks)> numeric)
    {
        int size = layout.Circuit.MaxNumericValues;
        var checks = numeric.SelectMany(n => n.Checks.Select(c => (Index: (BigInteger)n.Slot.Index, c.InRange, c.Interval))).ToArray();
        return
        [
            GpcCircuitSignal.Vector("numericValueEntryIndices", Pad(checks.Select(c => c.Index), size, Absent)),
            GpcCircuitSignal.Scalar("numericValueInRange", Bits(Pad(checks.Select(c => c.InRange), size, true))),
            GpcCircuitSignal.Vector("numericMinValues", Pad(checks.Select(c => c.Interval.Min), size, BigInteger.Zero)),
            GpcCircuitSignal.Vector("numericMaxValues", Pad(checks.Select(c => c.Interval.Max), size, BigInteger.Zero)),
        ];
    }

    /// <summary>
    /// Entry inequalities, each as "value[a] &lt; value[b]" or "value[a] &gt;= value[b]" (compileCommonEntryInequalities):
    /// lessThan (x, y, &lt;), lessThanEq (y, x, &gt;=), greaterThan (y, x, &lt;), greaterThanEq (x, y, &gt;=).
    /// </summary>
    private static GpcCircuitSignal[] EntryInequalities(CompilerLayout layout, List<(CompilerLayout.EntrySlot Slot, int Position, List<(bool InRange, GpcClosedInterval Interval)> Checks)> numeric)
    {
        var positions = numeric.ToDictionary(n => n.Slot.Identifier, n => (BigInteger)n.Position, StringComparer.Ordinal);
        var triples = new List<(BigInteger Value, BigInteger Other, bool LessThan)>();
        foreach (var (slot, position, _) in numeric)
        {
            GpcProofEntryConfig config = slot.EntryConfig!;
            if (config.LessThan is { } lessThan)
            {
                triples.Add((position, positions[lessThan], true));
            }

            if (config.LessThanEq is { } lessThanEq)
            {
                triples.Add((positions[lessThanEq], position, false));
            }

            if (config.GreaterThan is { } greaterThan)
            {
                triples.Add((positions[greaterThan], position, true));
            }

            if (config.GreaterThanEq is { } greaterThanEq)
            {
                triples.Add((position, positions[greaterThanEq], false));
            }
        }

        int size = layout.Circuit.MaxEntryInequalities;
        return
        [
            GpcCircuitSignal.Vector("entryInequalityValueIndex", Pad(triples.Select(t => t.Value), size, BigInteger.Zero)),
            GpcCircuitSignal.Vector("entryInequalityOtherValueIndex", Pad(triples.Select(t => t.Other), size, BigInteger.Zero)),
            GpcCircuitSignal.Scalar("entryInequalityIsLessThan", Bits(Pad(triples.Select(t => t.LessThan), size, false))),
        ];
    }

    /// <summary>The circuit tuples of all tuples; spare ones all index 0.</summary>
    private static GpcCircuitSignal TupleIndices(CompilerLayout layout)
    {
        int arity = layout.Circuit.TupleArity;
        var rows = layout.Tuples.SelectMany(t => t.Chunks).Select(c => c.Select(i => (BigInteger)i).ToArray()).ToList();
        while (rows.Count < layout.Circuit.MaxTuples)
        {
            rows.Add(new BigInteger[arity]);
        }

        return GpcCircuitSignal.Matrix("tupleIndices", rows.ToArray(), arity);
    }

    /// <summary>
    /// The (non-)membership checks in identifier order (compileProofListMembership): the compared entry or
    /// tuple, membership or not, and the list's value (or tuple) hashes sorted as JavaScript sorts them (as
    /// decimal strings), padded with the first. Spare checks compare the constant 0 (index r - 1) with a list
    /// of zeros.
    /// </summary>
    private static GpcCircuitSignal[] ListMemberships(CompilerLayout layout, IReadOnlyDictionary<string, GpcMembershipList>? lists)
    {
        GpcCircuitDescription circuit = layout.Circuit;
        var checks = GpcChecks.ListConfig(layout.Config, layout.Param).OrderBy(c => c.Identifier, StringComparer.Ordinal).ToList();
        var indices = new List<BigInteger>();
        var contains = new List<bool>();
        var values = new List<BigInteger[]>();
        foreach (var check in checks)
        {
            bool isTuple = check.Identifier.StartsWith(EntryIdentifiers.TuplePrefix, StringComparison.Ordinal);
            indices.Add(isTuple ? layout.Tuples.Single(t => t.Identifier == check.Identifier).Index : layout.Find(check.Identifier)!.Index);
            contains.Add(check.IsMembership);
            GpcMembershipList list = lists![check.ListName];
            string[] hashes = list.Elements
                .Select(e => (isTuple ? TupleHash(circuit.TupleArity, e) : e[0].Hash).ToString())
                .Order(StringComparer.Ordinal)
                .ToArray();
            values.Add(Pad(hashes.Select(h => BigInteger.Parse(h, System.Globalization.CultureInfo.InvariantCulture)), circuit.MaxListElements, BigInteger.Parse(hashes[0], System.Globalization.CultureInfo.InvariantCulture)));
        }

        while (values.Count < circuit.MaxLists)
        {
            values.Add(new BigInteger[circuit.MaxListElements]);
        }

        return
        [
            GpcCircuitSignal.Vector("listComparisonValueIndex", Pad(indices, circuit.MaxLists, Absent)),
            GpcCircuitSignal.Scalar("listContainsComparisonValue", Bits(Pad(contains, circuit.MaxLists, true))),
            GpcCircuitSignal.Matrix("listValidValues", values.ToArray(), circuit.MaxListElements),
        ];
    }

    /// <summary>
    /// The hash of a tuple as the circuit chains it (hashTuple): Poseidon of the first arity value hashes,
    /// then of the previous hash and the next arity - 1 value hashes, each padded with the first value hash.
    /// </summary>
    internal static Fr TupleHash(int arity, IReadOnlyList<PodValue> tuple)
    {
        Fr[] hashes = tuple.Select(v => v.Hash).ToArray();
        Span<Fr> block = stackalloc Fr[arity];
        block.Fill(hashes[0]);
        hashes.AsSpan(0, Math.Min(arity, hashes.Length)).CopyTo(block);
        Fr hash = Poseidon.Hash(block);
        for (int i = arity; i < hashes.Length; i += arity - 1)
        {
            block.Fill(hashes[0]);
            block[0] = hash;
            hashes.AsSpan(i, Math.Min(arity - 1, hashes.Length - i)).CopyTo(block[1..]);
            hash = Poseidon.Hash(block);
        }

        return hash;
    }

    private static GpcCircuitSignal Optional(string name, bool included, BigInteger value) =>
        GpcCircuitSignal.Vector(name, included ? [value] : []);

    /// <summary>Bit i set for each true element i (array2Bits).</summary>
    private static BigInteger Bits(IEnumerable<bool> flags)
    {
        BigInteger bits = BigInteger.Zero;
        int i = 0;
        foreach (bool flag in flags)
        {
            if (flag)
            {
                bits |= BigInteger.One << i;
            }

            i++;
        }

        return bits;
    }

    private static T[] Pad<T>(IEnumerable<T> values, int length, T fill)
    {
        var list = values.ToList();
        while (list.Count < length)
        {
            list.Add(fill);
        }

        return list.ToArray();
    }
}

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
/// will produce. Proving and verifying share one sequence (<see cref="Inputs"/>): a verifier's public signals
/// are a prover's inputs without the private ones. Unused slots are filled as the reference fills them:
/// entries copy entry 0 (not revealed), PODs are dummy PODs signed with the all-zero key, and "absent" is r - 1.
/// </summary>
internal static class CircuitCompiler
{
    private static readonly BigInteger Absent = GpcSignalValues.Absent;

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

    private static readonly string[] ObjectSignalNames =
    [
        GpcSignalNames.ObjectContentId, GpcSignalNames.ObjectSignerPubkeyAx, GpcSignalNames.ObjectSignerPubkeyAy,
        GpcSignalNames.ObjectSignatureR8x, GpcSignalNames.ObjectSignatureR8y, GpcSignalNames.ObjectSignatureS,
    ];

    /// <summary>
    /// The full inputs of a proof, and how to compute the outputs the circuit will produce from them
    /// (hashes the reference's gpcPreProve does not compute, so they are computed only when asked for).
    /// </summary>
    public static (GpcCircuitSignals Inputs, Func<GpcCircuitSignals> Outputs) CompileProof(CompilerLayout layout, GpcProofInputs inputs)
    {
        CircuitSignalSource source = CircuitSignalSource.ForProof(inputs);
        return (new GpcCircuitSignals(Inputs(layout, source)), () => new GpcCircuitSignals(Outputs(layout, source)));
    }

    /// <summary>The public inputs and outputs a verifier rebuilds from a bound config and its claims.</summary>
    public static (GpcCircuitSignals PublicInputs, GpcCircuitSignals Outputs) CompileVerify(CompilerLayout layout, GpcRevealedClaims claims)
    {
        CircuitSignalSource source = CircuitSignalSource.ForVerify(claims);
        return (new GpcCircuitSignals(Inputs(layout, source)), new GpcCircuitSignals(Outputs(layout, source)));
    }

    /// <summary>
    /// Every input signal in ProtoPODGPC's order, the one place that order is written: objects, entries, virtual
    /// entries, entry constraints, owners, numeric values, inequalities, tuples, lists, then the global inputs. The
    /// private signals (PODs and signatures, Merkle proofs, identity secrets, numeric values) only when proving.
    /// </summary>
    private static List<GpcCircuitSignal> Inputs(CompilerLayout layout, CircuitSignalSource source)
    {
        GpcCircuitDescription circuit = layout.Circuit;
        GpcProofInputs? secrets = source.Private;
        var signals = new List<GpcCircuitSignal>();

        // Objects: the PODs in name order, then dummy PODs.
        if (secrets is not null)
        {
            BigInteger[][] objects = layout.Pods.Select(name => ObjectSignals(secrets.Pods[name]))
                .Concat(DummyObjects.Value.Take(circuit.MaxObjects - layout.Pods.Count)).ToArray();
            for (int i = 0; i < ObjectSignalNames.Length; i++)
            {
                signals.Add(GpcCircuitSignal.Vector(ObjectSignalNames[i], objects.Select(o => o[i]).ToArray()));
            }
        }

        // Entries; spare slots copy entry 0, not revealed.
        IReadOnlyList<CompilerLayout.EntrySlot> real = layout.RealEntries;
        CompilerLayout.EntrySlot[] slots = Enumerable.Range(0, circuit.MaxEntries).Select(i => real[i < real.Count ? i : 0]).ToArray();
        signals.Add(GpcCircuitSignal.Vector(GpcSignalNames.EntryObjectIndex, slots.Select(e => (BigInteger)e.PodIndex).ToArray()));
        signals.Add(GpcCircuitSignal.Vector(GpcSignalNames.EntryNameHash, slots.Select(e => PodValueHashing.StringHash(e.EntryName).ToBigInteger()).ToArray()));
        signals.Add(GpcCircuitSignal.Scalar(GpcSignalNames.EntryIsValueHashRevealed, Bits(slots.Select((e, i) => i < real.Count && e.IsRevealed))));
        if (secrets is not null)
        {
            PodEntryProof[] realProofs = real.Select(e => secrets.Pods[e.PodName].Content.GenerateEntryProof(e.EntryName)).ToArray();
            PodEntryProof[] proofs = Enumerable.Range(0, circuit.MaxEntries).Select(i => realProofs[i < real.Count ? i : 0]).ToArray();
            signals.Add(GpcCircuitSignal.Vector(GpcSignalNames.EntryProofDepth, proofs.Select(p => (BigInteger)p.Siblings.Count).ToArray()));
            signals.Add(GpcCircuitSignal.Vector(GpcSignalNames.EntryProofIndex, proofs.Select(p => (BigInteger)p.Index).ToArray()));
            signals.Add(GpcCircuitSignal.Matrix(
                GpcSignalNames.EntryProofSiblings,
                proofs.Select(p => Pad(p.Siblings.Select(s => s.ToBigInteger()), circuit.MerkleMaxDepth, BigInteger.Zero)).ToArray(),
                circuit.MerkleMaxDepth));
        }

        signals.Add(VirtualEntryRevealBits(layout));
        signals.AddRange(EntryConstraints(layout));

        // Owners: the identities only where the config has an owner entry of their protocol.
        signals.Add(GpcCircuitSignal.Scalar(GpcSignalNames.OwnerExternalNullifier, GpcSignalValues.Watermark(source.ExternalNullifier)));
        BigInteger revealNullifier = source.ExternalNullifier is null ? 0 : 1;
        int? ownerV3 = layout.FirstOwner(GpcIdentityProtocol.SemaphoreV3);
        int? ownerV4 = layout.FirstOwner(GpcIdentityProtocol.SemaphoreV4);
        SemaphoreV3Identity? v3 = ownerV3 is null ? null : secrets?.Owner?.SemaphoreV3;
        SemaphoreIdentity? v4 = ownerV4 is null ? null : secrets?.Owner?.SemaphoreV4;
        signals.Add(Optional(GpcSignalNames.OwnerV3EntryIndex, circuit.IncludeOwnerV3, ownerV3 ?? Absent));
        if (secrets is not null)
        {
            signals.Add(Optional(GpcSignalNames.OwnerSemaphoreV3IdentityNullifier, circuit.IncludeOwnerV3, v3?.Nullifier.ToBigInteger() ?? Absent));
            signals.Add(Optional(GpcSignalNames.OwnerSemaphoreV3IdentityTrapdoor, circuit.IncludeOwnerV3, v3?.Trapdoor.ToBigInteger() ?? Absent));
        }

        signals.Add(Optional(GpcSignalNames.OwnerV3IsNullifierHashRevealed, circuit.IncludeOwnerV3, revealNullifier));
        signals.Add(Optional(GpcSignalNames.OwnerV4EntryIndex, circuit.IncludeOwnerV4, ownerV4 ?? Absent));
        if (secrets is not null)
        {
            signals.Add(Optional(GpcSignalNames.OwnerSemaphoreV4SecretScalar, circuit.IncludeOwnerV4, v4?.SecretScalar.ToBigInteger() ?? AbsentSecretScalar));
        }

        signals.Add(Optional(GpcSignalNames.OwnerV4IsNullifierHashRevealed, circuit.IncludeOwnerV4, revealNullifier));

        // Numeric values and their checks, inequalities, tuples, lists.
        var numeric = NumericEntries(layout);
        if (secrets is not null)
        {
            BigInteger[] numericValues = numeric
                .SelectMany(n => Enumerable.Repeat(secrets.Pods[n.Slot.PodName].Entries[n.Slot.EntryName].CircuitValue!.Value, n.Checks.Count))
                .ToArray();
            signals.Add(GpcCircuitSignal.Vector(GpcSignalNames.NumericValues, Pad(numericValues, circuit.MaxNumericValues, BigInteger.Zero)));
        }

        signals.AddRange(NumericChecks(layout, numeric));
        signals.AddRange(EntryInequalities(layout, numeric));
        signals.Add(TupleIndices(layout));
        signals.AddRange(ListMemberships(layout, source.MembershipLists));

        // Global inputs.
        signals.Add(GpcCircuitSignal.Scalar(GpcSignalNames.RequireUniqueContentIds, layout.Config.UniquePods == true ? 1 : 0));
        signals.Add(GpcCircuitSignal.Scalar(GpcSignalNames.GlobalWatermark, GpcSignalValues.Watermark(source.Watermark)));
        return signals;
    }

    /// <summary>
    /// The outputs, as the circuit computes them from a prover's inputs or as a verifier's claims say they are:
    /// revealed value hashes (r - 1 where hidden), then the owners' nullifier hashes.
    /// </summary>
    private static List<GpcCircuitSignal> Outputs(CompilerLayout layout, CircuitSignalSource source)
    {
        GpcCircuitDescription circuit = layout.Circuit;
        IReadOnlyList<CompilerLayout.EntrySlot> real = layout.RealEntries;
        BigInteger[] valueHashes = Enumerable.Range(0, circuit.MaxEntries)
            .Select(i => i < real.Count && real[i].IsRevealed ? source.RevealedValueHash(real[i]) : Absent).ToArray();
        return
        [
            GpcCircuitSignal.Vector(GpcSignalNames.EntryRevealedValueHash, valueHashes),
            GpcCircuitSignal.Vector(GpcSignalNames.VirtualEntryRevealedValueHash, VirtualEntryHashes(layout, source)),
            Optional(GpcSignalNames.OwnerV3RevealedNullifierHash, circuit.IncludeOwnerV3,
                source.RevealedNullifierHash(GpcIdentityProtocol.SemaphoreV3, layout.FirstOwner(GpcIdentityProtocol.SemaphoreV3) is not null)),
            Optional(GpcSignalNames.OwnerV4RevealedNullifierHash, circuit.IncludeOwnerV4,
                source.RevealedNullifierHash(GpcIdentityProtocol.SemaphoreV4, layout.FirstOwner(GpcIdentityProtocol.SemaphoreV4) is not null)),
        ];
    }

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
        GpcCircuitSignal.Scalar(GpcSignalNames.VirtualEntryIsValueHashRevealed, Bits(layout.Entries.Where(e => e.IsVirtual).Select(e => e.IsRevealed)));

    /// <summary>Per POD the hashes of its revealed content ID and signer's key, r - 1 for hidden ones and spare PODs.</summary>
    private static BigInteger[] VirtualEntryHashes(CompilerLayout layout, CircuitSignalSource source)
    {
        var hashes = new List<BigInteger>();
        foreach (string pod in layout.Pods)
        {
            var (contentId, signer) = source.RevealedObject(layout, pod);
            hashes.Add(contentId is { } id ? Poseidon.Hash(id).ToBigInteger() : Absent);
            hashes.Add(signer is { } key ? Poseidon.Hash(key.Point.X, key.Point.Y).ToBigInteger() : Absent);
        }

        return Pad(hashes, layout.Circuit.MaxVirtualEntries, Absent);
    }

    /// <summary>
    /// Equality constraints and ownership, which share circuitry (compileProofEntryConstraints): each entry
    /// is compared with the first owner entry of its protocol, with the entry it must (not) equal, or with
    /// itself (no constraint). Spare slots compare with themselves.
    /// </summary>
    private static GpcCircuitSignal[] EntryConstraints(CompilerLayout layout)
    {
        var real = new List<(BigInteger Other, bool Equal)>();
        var virtuals = new List<(BigInteger Other, bool Equal)>();
        foreach (var slot in layout.Entries)
        {
            var list = slot.IsVirtual ? virtuals : real;
            if (slot.EntryConfig?.IsOwnerId is { } protocol)
            {
                list.Add((layout.FirstOwner(protocol)!.Value, true));
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
        return
        [
            GpcCircuitSignal.Vector(GpcSignalNames.EntryEqualToOtherEntryByIndex, all.Select(e => e.Other).ToArray()),
            GpcCircuitSignal.Scalar(GpcSignalNames.EntryIsEqualToOtherEntry, Bits(all.Select(e => e.Equal))),
        ];
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
            GpcCircuitSignal.Vector(GpcSignalNames.NumericValueEntryIndices, Pad(checks.Select(c => c.Index), size, Absent)),
            GpcCircuitSignal.Scalar(GpcSignalNames.NumericValueInRange, Bits(Pad(checks.Select(c => c.InRange), size, true))),
            GpcCircuitSignal.Vector(GpcSignalNames.NumericMinValues, Pad(checks.Select(c => c.Interval.Min), size, BigInteger.Zero)),
            GpcCircuitSignal.Vector(GpcSignalNames.NumericMaxValues, Pad(checks.Select(c => c.Interval.Max), size, BigInteger.Zero)),
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
            GpcCircuitSignal.Vector(GpcSignalNames.EntryInequalityValueIndex, Pad(triples.Select(t => t.Value), size, BigInteger.Zero)),
            GpcCircuitSignal.Vector(GpcSignalNames.EntryInequalityOtherValueIndex, Pad(triples.Select(t => t.Other), size, BigInteger.Zero)),
            GpcCircuitSignal.Scalar(GpcSignalNames.EntryInequalityIsLessThan, Bits(Pad(triples.Select(t => t.LessThan), size, false))),
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

        return GpcCircuitSignal.Matrix(GpcSignalNames.TupleIndices, rows.ToArray(), arity);
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
        IReadOnlyList<GpcChecks.ListCheck> checks = layout.ListChecks;
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
            GpcCircuitSignal.Vector(GpcSignalNames.ListComparisonValueIndex, Pad(indices, circuit.MaxLists, Absent)),
            GpcCircuitSignal.Scalar(GpcSignalNames.ListContainsComparisonValue, Bits(Pad(contains, circuit.MaxLists, true))),
            GpcCircuitSignal.Matrix(GpcSignalNames.ListValidValues, values.ToArray(), circuit.MaxListElements),
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

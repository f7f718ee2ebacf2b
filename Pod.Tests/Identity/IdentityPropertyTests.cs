using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography.Fields;
using Pod.Identity;
using Pod.Tests.Support;

namespace Pod.Tests.Identity;

public sealed class IdentityPropertyTests
{
    private static readonly Fr Absent = -Fr.One;

    /// <summary>Private keys of 1 to 64 bytes (Semaphore takes any length).</summary>
    private static Gen<byte[]> KeyBytes => PodGenerators.Bytes(64).Where(b => b.Length > 0);

    private static Gen<(Fr Trapdoor, Fr Nullifier)> V3Secrets => Gen.Zip(Generators.Field, Generators.Field, (t, n) => (t, n));

    [Property]
    public Property ExportImport_RoundTripsAnyKey() =>
        Prop.ForAll(KeyBytes.ToArbitrary(), key =>
        {
            using SemaphoreIdentity identity = SemaphoreIdentity.FromPrivateKey(key);
            string exported = identity.Export();
            using SemaphoreIdentity imported = SemaphoreIdentity.Import(exported);
            return exported == Convert.ToBase64String(key)
                && imported.Commitment == identity.Commitment
                && imported.SecretScalar == identity.SecretScalar
                && imported.Export() == exported;
        });

    [Property]
    public Property V3ExportImport_RoundTripsAnySecrets() =>
        Prop.ForAll(V3Secrets.ToArbitrary(), secrets =>
        {
            using SemaphoreV3Identity identity = SemaphoreV3Identity.Create(secrets.Trapdoor, secrets.Nullifier);
            using SemaphoreV3Identity imported = SemaphoreV3Identity.Import(identity.Export());
            return imported.Trapdoor == secrets.Trapdoor
                && imported.Nullifier == secrets.Nullifier
                && imported.Commitment == identity.Commitment;
        });

    [Property]
    public Property CommitmentAndNullifier_AreDeterministic() =>
        Prop.ForAll(Gen.Zip(KeyBytes, PodGenerators.Value, (k, v) => (k, v)).ToArbitrary(), c =>
        {
            using SemaphoreIdentity a = SemaphoreIdentity.FromPrivateKey(c.k);
            using SemaphoreIdentity b = SemaphoreIdentity.FromPrivateKey(c.k);
            using SemaphoreV3Identity a3 = SemaphoreV3Identity.FromMessage(Convert.ToHexString(c.k));
            using SemaphoreV3Identity b3 = SemaphoreV3Identity.FromMessage(Convert.ToHexString(c.k));
            if (GpcNullifiers.ExternalNullifierSignal(c.v) == Absent)
            {
                return a.Commitment == b.Commitment && a3.Commitment == b3.Commitment;
            }

            return a.Commitment == b.Commitment
                && a3.Commitment == b3.Commitment
                && GpcNullifiers.NullifierHash(a, c.v) == GpcNullifiers.NullifierHash(b, c.v)
                && GpcNullifiers.NullifierHash(a3, c.v) == GpcNullifiers.NullifierHash(b3, c.v);
        });

    [Property]
    public Property NullifierHash_DiffersExactlyWhenTheScopeSignalDiffers() =>
        Prop.ForAll((from k in KeyBytes from v in PodGenerators.Value from w in PodGenerators.Value select (k, v, w)).ToArbitrary(), c =>
        {
            using SemaphoreIdentity identity = SemaphoreIdentity.FromPrivateKey(c.k);
            using SemaphoreV3Identity v3 = SemaphoreV3Identity.FromMessage(Convert.ToHexString(c.k));
            Fr first = GpcNullifiers.ExternalNullifierSignal(c.v);
            Fr second = GpcNullifiers.ExternalNullifierSignal(c.w);
            if (first == Absent || second == Absent)
            {
                PodValue absent = first == Absent ? c.v : c.w;
                return Throws(() => GpcNullifiers.NullifierHash(identity, absent)) && Throws(() => GpcNullifiers.NullifierHash(v3, absent));
            }

            bool sameScope = first == second;
            return sameScope == (GpcNullifiers.NullifierHash(identity, c.v) == GpcNullifiers.NullifierHash(identity, c.w))
                && sameScope == (GpcNullifiers.NullifierHash(v3, c.v) == GpcNullifiers.NullifierHash(v3, c.w));
        });

    [Property]
    public Property NullifierHash_DiffersForDifferentIdentities() =>
        Prop.ForAll((from a in KeyBytes from b in KeyBytes from v in PodGenerators.Value select (a, b, v)).ToArbitrary(), c =>
        {
            if (c.a.AsSpan().SequenceEqual(c.b) || GpcNullifiers.ExternalNullifierSignal(c.v) == Absent)
            {
                return true;
            }

            using SemaphoreIdentity a = SemaphoreIdentity.FromPrivateKey(c.a);
            using SemaphoreIdentity b = SemaphoreIdentity.FromPrivateKey(c.b);
            using SemaphoreV3Identity a3 = SemaphoreV3Identity.FromMessage(Convert.ToHexString(c.a));
            using SemaphoreV3Identity b3 = SemaphoreV3Identity.FromMessage(Convert.ToHexString(c.b));
            return GpcNullifiers.NullifierHash(a, c.v) != GpcNullifiers.NullifierHash(b, c.v)
                && GpcNullifiers.NullifierHash(a3, c.v) != GpcNullifiers.NullifierHash(b3, c.v)
                && GpcNullifiers.NullifierHash(a, c.v) != GpcNullifiers.NullifierHash(a3, c.v);
        });

    [Property]
    public Property OwnerValues_AreOwnedByTheirIdentityOnly() =>
        Prop.ForAll((from a in KeyBytes from b in Gen.OneOf(KeyBytes, Gen.Constant(a)) from s in V3Secrets select (a, b, s)).ToArbitrary(), c =>
        {
            using SemaphoreIdentity a = SemaphoreIdentity.FromPrivateKey(c.a);
            using SemaphoreIdentity b = SemaphoreIdentity.FromPrivateKey(c.b);
            using SemaphoreV3Identity v3 = SemaphoreV3Identity.Create(c.s.Trapdoor, c.s.Nullifier);
            bool sameKey = c.a.AsSpan().SequenceEqual(c.b);
            PodValue ownerA = a.ToOwnerValue();
            PodValue ownerV3 = v3.ToOwnerValue();
            return a.Owns(ownerA)
                && b.Owns(ownerA) == sameKey
                && ownerA.Hash == a.Commitment
                && v3.Owns(ownerV3)
                && !v3.Owns(ownerA)
                && !a.Owns(ownerV3)
                && !v3.Owns(PodValue.Cryptographic(a.Commitment));
        });

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}

using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Identity;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>The code of docs/identity.md, compiled and run so the page stays true.</summary>
public sealed class IdentityDocExamples
{
    [Fact]
    public void V4_Example()
    {
        using SemaphoreIdentity identity = SemaphoreIdentity.Generate();
        Fr commitment = identity.Commitment;            // Poseidon(x, y) of the public key
        string backup = identity.Export();              // padded Base64 of the key, as identity.export()
        using SemaphoreIdentity restored = SemaphoreIdentity.Import(backup);
        bool same = restored.Commitment == commitment;  // true

        using SemaphoreIdentity alice = SemaphoreIdentity.FromSecretText("alice"); // the key is "alice" in UTF-8
        EdDsaSignature signature = alice.SignMessage("hello");                     // signs 0x68656c6c6f
        bool valid = SemaphoreIdentity.VerifySignature("hello", signature, alice.PublicKey);
        bool alsoValid = SemaphoreIdentity.VerifySignature(0x68656c6c6f, signature, alice.PublicKey);

        Assert.True(same);
        Assert.True(valid);
        Assert.True(alsoValid);
        Assert.Equal("2555421963140221735275512320391495596269358914510400924262397781120877297287", alice.Commitment.ToString());
    }

    [Fact]
    public void V3_Example()
    {
        using SemaphoreV3Identity v3 = SemaphoreV3Identity.FromMessage("alice"); // SHA-512, two halves >> 3
        string serialized = v3.Export();                                         // ["0x…","0x…"], as toString()
        using SemaphoreV3Identity again = SemaphoreV3Identity.Import(serialized);
        bool same = again.Commitment == v3.Commitment;                           // true

        Assert.True(same);
        Assert.Equal("8429943955671890804764282348351188704959291289626483498678579699362829879258", v3.Commitment.ToString());
    }

    [Fact]
    public void Ownership_Example()
    {
        using EdDsaPrivateKey issuer = EdDsaPrivateKey.Generate();
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        using SemaphoreIdentity someoneElse = SemaphoreIdentity.Generate();

        SignedPod ticket = SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["eventId"] = PodValue.String("devcon"),
            ["owner"] = holder.ToOwnerValue(), // eddsa_pubkey; a V3 identity gives its commitment (cryptographic)
        }), issuer);

        bool mine = holder.Owns(ticket.Entries["owner"]);        // true
        bool theirs = someoneElse.Owns(ticket.Entries["owner"]); // false

        Assert.True(mine);
        Assert.False(theirs);
        Assert.Equal(holder.Commitment, ticket.Entries["owner"].Hash);
    }

    [Fact]
    public void Nullifier_Example()
    {
        using SemaphoreIdentity voter = SemaphoreIdentity.FromSecretText("alice");
        PodValue election = PodValue.String("example.org/board-election/2025");

        Fr ballot = GpcNullifiers.NullifierHash(voter, election);      // Poseidon(signal, secret scalar)
        Fr again = GpcNullifiers.NullifierHash(voter, election);       // the same: a second vote shows
        Fr elsewhere = GpcNullifiers.NullifierHash(voter, PodValue.String("example.org/survey/7")); // unlinkable

        Assert.Equal(ballot, again);
        Assert.NotEqual(ballot, elsewhere);
        Assert.Throws<ArgumentException>(() => GpcNullifiers.NullifierHash(voter, PodValue.Int(-1))); // "absent"
    }
}

using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;
using Pod.Serialization;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>The code of docs/pods.md, compiled and run so the page stays true.</summary>
public sealed class PodsDocExamples
{
    [Fact]
    public void Values_Example()
    {
        PodValue seat = PodValue.Int(42);
        Fr leaf = seat.Hash;
        string json = PodJson.SerializeValue(seat);
        PodValue again = PodJson.ParseValue("{\"int\":\"0x2a\"}", "seat");
        bool same = again == seat;

        Assert.Equal(Poseidon.Hash(Fr.FromUInt64(42)), leaf);
        Assert.Equal("42", json);
        Assert.True(same);
    }

    [Fact]
    public void ContentAndSigning_Example()
    {
        PodContent content = PodContent.Create(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["eventId"] = PodValue.String("devcon"),
            ["seat"] = PodValue.Int(42),
        }));
        PodEntryProof proof = content.GenerateEntryProof("seat");
        bool proven = PodContent.VerifyEntryProof(proof);

        using EdDsaPrivateKey issuer = EdDsaPrivateKey.Generate();
        SignedPod pod = SignedPod.Sign(content.Entries, issuer);

        string json = PodJson.Serialize(pod);
        byte[] packed = PodMessagePack.Serialize(pod);

        SignedPod fromJson = PodJson.Parse(json);
        bool valid = fromJson.Verify();

        Assert.True(proven);
        Assert.True(valid);
        Assert.Equal(pod, PodMessagePack.Deserialize(packed));
        Assert.Equal(content.ContentId, pod.ContentId);
    }
}

using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;

namespace Pod;

/// <summary>
/// A public key value (eddsa_pubkey), hashed with Poseidon of the point's two coordinates. The text it was
/// given in (Base64 or hex) is kept, as the reference keeps it, so JSON round trips verbatim.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public sealed class PodEdDsaPublicKeyValue : PodValue
{
    internal PodEdDsaPublicKeyValue(EdDsaPublicKey key, string text)
    {
        Value = key;
        Text = text;
    }

    /// <summary>The key.</summary>
    public EdDsaPublicKey Value { get; }

    /// <summary>The key's text as given (Base64 or hex).</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public override PodValueType Type => PodValueType.EdDsaPublicKey;

    internal override Fr ComputeHash() => Poseidon.Hash(Value.Point.X, Value.Point.Y);

    /// <summary>Equal keys, whatever text each was written in.</summary>
    public override bool Equals(PodValue? other) => other is PodEdDsaPublicKeyValue k && k.Value == Value;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Value);
}

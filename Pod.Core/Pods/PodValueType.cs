namespace Pod;

/// <summary>The type of a POD value, one per type of @pcd/pod.</summary>
public enum PodValueType
{
    /// <summary>Text, hashed as SHA-256 of its UTF-8 bytes shifted right 8 bits.</summary>
    String,

    /// <summary>Raw bytes, hashed as SHA-256 shifted right 8 bits.</summary>
    Bytes,

    /// <summary>A field element in [0, r).</summary>
    Cryptographic,

    /// <summary>A signed 64-bit integer.</summary>
    Int,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>An EdDSA-Poseidon public key (a packed BabyJubJub point).</summary>
    EdDsaPublicKey,

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z, within the JavaScript Date range.</summary>
    Date,

    /// <summary>The null value.</summary>
    Null,
}

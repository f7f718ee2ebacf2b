using Pod.Cryptography.Fields;

namespace Pod;

/// <summary>The null value, hashed to @pcd/pod's fixed POD_NULL_HASH.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PodValueJsonConverter))]
public sealed class PodNullValue : PodValue
{
    internal static readonly PodNullValue Instance = new();

    /// <summary>POD_NULL_HASH (the reference's constant for null).</summary>
    internal static readonly Fr NullHash = Fr.Parse("13168512109341841832484543393144899324489527667857162184879489945997963762973");

    private PodNullValue()
    {
    }

    /// <inheritdoc/>
    public override PodValueType Type => PodValueType.Null;

    internal override Fr ComputeHash() => NullHash;

    /// <inheritdoc/>
    public override bool Equals(PodValue? other) => other is PodNullValue;

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Type;
}

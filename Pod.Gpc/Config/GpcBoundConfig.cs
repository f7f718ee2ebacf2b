namespace Pod.Gpc;

/// <summary>
/// A proof config bound to one circuit (@pcd/gpc's GPCBoundConfig): checked, canonical (defaults left out,
/// names sorted) and with the circuit identifier filled in. Proofs are verified against it; it can be
/// kept and reused so the same circuit is used for every proof.
/// </summary>
/// <remarks>
/// <c>GpcCompiler.BindConfig</c> and <c>GpcCompiler.PreProve</c> make one; <c>GpcJson.ParseBoundConfig</c>
/// reads one as the verifier receives it (checked, but kept as written).
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(GpcJsonConverter))]
public sealed class GpcBoundConfig
{
    private readonly IReadOnlyDictionary<string, GpcProofObjectConfig> _pods = null!;
    private readonly IReadOnlyDictionary<string, GpcProofTupleConfig>? _tuples;

    /// <summary>The circuit the config is bound to, <c>family_name</c>.</summary>
    public required string CircuitIdentifier { get; init; }

    /// <summary>The PODs proven, by name.</summary>
    /// <exception cref="ArgumentNullException">The map or one of its configs is null.</exception>
    public required IReadOnlyDictionary<string, GpcProofObjectConfig> Pods
    {
        get => _pods;
        init => _pods = ReadOnlyMaps.Copy(value, nameof(Pods));
    }

    /// <summary>When true, the PODs have distinct content IDs.</summary>
    public bool? UniquePods { get; init; }

    /// <summary>Named tuples of entries.</summary>
    /// <exception cref="ArgumentNullException">One of the tuple configs is null.</exception>
    public IReadOnlyDictionary<string, GpcProofTupleConfig>? Tuples
    {
        get => _tuples;
        init => _tuples = value is null ? null : ReadOnlyMaps.Copy(value, nameof(Tuples));
    }

    /// <summary>The same config as a proof config (with its circuit identifier), to prove with again.</summary>
    public GpcProofConfig ToProofConfig() => new()
    {
        CircuitIdentifier = CircuitIdentifier,
        Pods = Pods,
        UniquePods = UniquePods,
        Tuples = Tuples,
    };
}

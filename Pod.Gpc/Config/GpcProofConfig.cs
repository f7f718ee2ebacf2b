namespace Pod.Gpc;

/// <summary>
/// What a GPC proof proves (@pcd/gpc's GPCProofConfig): which PODs, which of their entries, what is
/// revealed and how values are constrained. A config is fixed and reusable; the data of each proof goes in
/// <see cref="GpcProofInputs"/>.
/// </summary>
/// <remarks>
/// The model is plain data: nothing is checked when it is built. <c>GpcCompiler.BindConfig</c>,
/// <c>GpcCompiler.PreProve</c> and the JSON methods check it against every rule of the reference and
/// throw <see cref="GpcConfigException"/> naming the field. Maps are copied when set and keep their order.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(GpcJsonConverter))]
public sealed class GpcProofConfig
{
    private readonly IReadOnlyDictionary<string, GpcProofObjectConfig> _pods = null!;
    private readonly IReadOnlyDictionary<string, GpcProofTupleConfig>? _tuples;

    /// <summary>
    /// The circuit to use, <c>family_name</c> (such as <c>proto-pod-gpc_1o-1e-5md-0nv-0ei-0x0l-0x0t-0ov3-1ov4</c>);
    /// when null, binding picks the smallest circuit that fits.
    /// </summary>
    public string? CircuitIdentifier { get; init; }

    /// <summary>The PODs to prove, by the names the inputs and claims use (at least one).</summary>
    /// <exception cref="ArgumentNullException">The map or one of its configs is null.</exception>
    public required IReadOnlyDictionary<string, GpcProofObjectConfig> Pods
    {
        get => _pods;
        init => _pods = ReadOnlyMaps.Copy(value, nameof(Pods));
    }

    /// <summary>When true, the PODs must have distinct content IDs.</summary>
    public bool? UniquePods { get; init; }

    /// <summary>Named tuples of entries, for membership checks of several values at once.</summary>
    /// <exception cref="ArgumentNullException">One of the tuple configs is null.</exception>
    public IReadOnlyDictionary<string, GpcProofTupleConfig>? Tuples
    {
        get => _tuples;
        init => _tuples = value is null ? null : ReadOnlyMaps.Copy(value, nameof(Tuples));
    }
}

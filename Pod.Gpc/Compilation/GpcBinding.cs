
namespace Pod.Gpc;

/// <summary>A config bound to a circuit: the canonical bound config and the circuit (what gpcBindConfig returns).</summary>
/// <param name="BoundConfig">The checked, canonical config with its circuit identifier.</param>
/// <param name="Circuit">The circuit it is bound to.</param>
public sealed record GpcBinding(GpcBoundConfig BoundConfig, GpcCircuitDescription Circuit);

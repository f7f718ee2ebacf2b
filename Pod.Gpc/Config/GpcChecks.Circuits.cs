namespace Pod.Gpc;

/// <summary>Whether a circuit can hold what a config, its inputs or claims require (checkCircuitRequirements).</summary>
internal static partial class GpcChecks
{
    /// <summary>
    /// checkCircuitRequirements: the named circuit, which must fit, or else the cheapest that fits. The
    /// error says which limits are exceeded.
    /// </summary>
    public static GpcCircuitDescription CheckCircuitRequirements(GpcRequirements requirements, string? circuitIdentifier, string param)
    {
        if (circuitIdentifier is not null)
        {
            if (circuitIdentifier.Split('_').Length != 2)
            {
                throw Error(param, "circuitIdentifier", $"Invalid circuit identifier {Quote(circuitIdentifier)}: it must have the form familyName_circuitName.");
            }

            if (!GpcCircuitFamily.TryFind(circuitIdentifier, out GpcCircuitDescription? named))
            {
                throw Error(param, "circuitIdentifier", $"Unknown circuit {Quote(circuitIdentifier)}: it is not one of the {GpcCircuitFamily.All.Count} {GpcCircuitFamily.FamilyName} circuits.");
            }

            List<string> exceeded = requirements.Exceeded(named.Limits);
            if (exceeded.Count > 0)
            {
                throw Error(param, "circuitIdentifier", $"The circuit {Quote(circuitIdentifier)} does not meet the proof's requirements: it needs {string.Join("; ", exceeded)}.");
            }

            return named;
        }

        return GpcCircuitFamily.Pick(requirements) ?? throw NoCircuitFits(requirements, param);
    }

    private static GpcConfigException NoCircuitFits(GpcRequirements requirements, string param)
    {
        // Name the limits beyond every circuit; when there are none, it is the combination that fails.
        GpcCircuitLimits envelope = GpcCircuitLimits.Envelope(GpcCircuitFamily.All.Select(c => c.Limits));
        List<string> beyondAll = requirements.Exceeded(envelope);
        string detail = beyondAll.Count > 0
            ? $"it needs {string.Join("; ", beyondAll)}, beyond every circuit"
            : $"no single circuit has all of {requirements}";
        string path = requirements.MaxListSize > envelope.MaxListElements ? "membershipLists"
            : requirements.TupleArities.Count > 0 && beyondAll.Any(e => e.Contains("tuples", StringComparison.Ordinal)) ? "tuples"
            : "pods";
        return Error(param, path, $"No {GpcCircuitFamily.FamilyName} circuit fits the proof: {detail}.");
    }
}

namespace Pod.Gpc.Proving;

/// <summary>
/// The circuit's own witness calculator refused the inputs: an assertion of the circuit failed (the
/// inputs do not satisfy it), or another error circom reports. Carries circom's code and its message
/// (for an assertion, "Error in template ... line: ...", naming where in the circuit it failed).
/// </summary>
public sealed class CircomWitnessException : InvalidOperationException
{
    /// <summary>An exception with circom's code and message.</summary>
    public CircomWitnessException(CircomErrorCode code, string circuitMessage)
        : base(Describe(code, circuitMessage))
    {
        Code = code;
        CircuitMessage = circuitMessage;
    }

    /// <summary>circom's error code.</summary>
    public CircomErrorCode Code { get; }

    /// <summary>The messages the circuit printed before failing (circom's <c>printErrorMessage</c>), possibly empty.</summary>
    public string CircuitMessage { get; }

    private static string Describe(CircomErrorCode code, string circuitMessage)
    {
        string what = code switch
        {
            CircomErrorCode.SignalNotFound => "Signal not found.",
            CircomErrorCode.TooManySignalsSet => "Too many signals set.",
            CircomErrorCode.SignalAlreadySet => "Signal already set.",
            CircomErrorCode.AssertFailed => "Assert Failed.",
            CircomErrorCode.NotEnoughMemory => "Not enough memory.",
            CircomErrorCode.InputArrayAccessExceedsSize => "Input signal array access exceeds the size.",
            _ => "Unknown error.",
        };
        return circuitMessage.Length == 0
            ? $"The circuit's witness calculator failed: {what}"
            : $"The circuit's witness calculator failed: {what} {circuitMessage.TrimEnd()}";
    }
}

namespace Pod.Gpc.Proving;

/// <summary>The error codes a circom 2 witness calculator passes to its <c>runtime.exceptionHandler</c> import.</summary>
public enum CircomErrorCode
{
    /// <summary>A code circom does not define.</summary>
    Unknown = 0,

    /// <summary>1: an input signal the circuit does not have.</summary>
    SignalNotFound = 1,

    /// <summary>2: more input values than the circuit's inputs.</summary>
    TooManySignalsSet = 2,

    /// <summary>3: an input value set twice.</summary>
    SignalAlreadySet = 3,

    /// <summary>4: an <c>assert</c> or constraint check of the circuit failed: the inputs do not satisfy it.</summary>
    AssertFailed = 4,

    /// <summary>5: the circuit ran out of memory.</summary>
    NotEnoughMemory = 5,

    /// <summary>6: an index into an input signal array beyond its size.</summary>
    InputArrayAccessExceedsSize = 6,
}

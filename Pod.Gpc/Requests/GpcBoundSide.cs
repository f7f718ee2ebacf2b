namespace Pod.Gpc.Requests;

/// <summary>Which end of an entry's <c>inRange</c> interval a <see cref="GpcMovingBound"/> sets.</summary>
public enum GpcBoundSide
{
    /// <summary>The lower end, <c>inRange.min</c> (the value must be at least the bound: "not expired at now").</summary>
    Min,

    /// <summary>The upper end, <c>inRange.max</c> (the value must be at most the bound: "born 18 years before now").</summary>
    Max,
}

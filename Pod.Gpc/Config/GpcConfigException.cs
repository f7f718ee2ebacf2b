namespace Pod.Gpc;

/// <summary>
/// A GPC proof configuration, its inputs, a bound configuration or revealed claims break a rule of
/// @pcd/gpc (gpcChecks), or no circuit can hold them. <see cref="Path"/> names the offending field in
/// the reference's dotted syntax, such as <c>pods.ticket.entries.eventId.isRevealed</c>, and
/// <see cref="ArgumentException.ParamName"/> names the argument it belongs to.
/// </summary>
public sealed class GpcConfigException : ArgumentException
{
    /// <summary>A GPC rule was broken at <paramref name="path"/> of the argument <paramref name="paramName"/>.</summary>
    public GpcConfigException(string message, string path, string paramName)
        : base(message, paramName)
    {
        Path = path;
    }

    /// <summary>The dotted path of the offending field within the argument, e.g. <c>pods.ticket.entries.age.inRange</c>.</summary>
    public string Path { get; }
}

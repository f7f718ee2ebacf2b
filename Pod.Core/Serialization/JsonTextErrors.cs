using System.Text;

namespace Pod.Serialization;

/// <summary>
/// Recognises what System.Text.Json throws for text that is not valid Unicode, so the library's readers can report it
/// as the format error they document: a lone surrogate in a .NET string being parsed (<see cref="ArgumentException"/>
/// around an <see cref="EncoderFallbackException"/>), and an escaped lone surrogate (<c>"\ud800"</c>) or invalid UTF-8
/// in a string being read (<see cref="InvalidOperationException"/> from System.Text.Json).
/// </summary>
internal static class JsonTextErrors
{
    /// <summary>True when the exception is System.Text.Json refusing text that is not valid Unicode.</summary>
    public static bool IsInvalidText(Exception e) =>
        e is ArgumentException { InnerException: EncoderFallbackException }
        || (e is InvalidOperationException && e.Source is string source && source.StartsWith("System.Text.Json", StringComparison.Ordinal));
}

using System.Text;

namespace Pod.Issuers.Tls.Providers;

/// <summary>
/// One string normalization step (nfc, nfkc, trim, upper, lower, strip:&lt;characters&gt;), parsed once when the spec loads and
/// applied to claims and UID inputs.
/// </summary>
/// <param name="Kind">The step.</param>
/// <param name="StripCharacters">The characters <see cref="TextStepKind.Strip"/> removes; empty for the other steps.</param>
internal readonly record struct TextStep(TextStepKind Kind, string StripCharacters)
{
    private const string StripPrefix = "strip:";

    /// <exception cref="FormatException">The step is not one of the language's; the message names <paramref name="path"/>.</exception>
    public static TextStep Parse(string step, string path) => step switch
    {
        "nfc" => new(TextStepKind.Nfc, ""),
        "nfkc" => new(TextStepKind.Nfkc, ""),
        "trim" => new(TextStepKind.Trim, ""),
        "upper" => new(TextStepKind.Upper, ""),
        "lower" => new(TextStepKind.Lower, ""),
        _ when step.StartsWith(StripPrefix, StringComparison.Ordinal) && step.Length > StripPrefix.Length => new(TextStepKind.Strip, step[StripPrefix.Length..]),
        _ => throw new FormatException($"{path} has an unknown step; use nfc, nfkc, trim, upper, lower or strip:<characters>."),
    };

    /// <summary>Applies the steps in order.</summary>
    public static string Apply(string text, TextStep[] steps)
    {
        foreach (TextStep step in steps)
        {
            text = step.ApplyTo(text);
        }

        return text;
    }

    private string ApplyTo(string text) => Kind switch
    {
        TextStepKind.Nfc => text.Normalize(NormalizationForm.FormC),
        TextStepKind.Nfkc => text.Normalize(NormalizationForm.FormKC),
        TextStepKind.Trim => text.Trim(),
        TextStepKind.Upper => text.ToUpperInvariant(),
        TextStepKind.Lower => text.ToLowerInvariant(),
        TextStepKind.Strip => Strip(text, StripCharacters),
        _ => throw new System.Diagnostics.UnreachableException($"TextStepKind has no value {Kind}."),
    };

    private static string Strip(string text, string characters) => string.Concat(text.Where(c => !characters.Contains(c, StringComparison.Ordinal)));
}

namespace Pod.Issuers.Tls.Providers;

/// <summary>A string normalization step of a provider spec (<see cref="TextStep"/>).</summary>
internal enum TextStepKind
{
    /// <summary><c>nfc</c>: Unicode normalization form C.</summary>
    Nfc,

    /// <summary><c>nfkc</c>: Unicode normalization form KC.</summary>
    Nfkc,

    /// <summary><c>trim</c>: white space removed at both ends.</summary>
    Trim,

    /// <summary><c>upper</c>: upper case, invariant culture.</summary>
    Upper,

    /// <summary><c>lower</c>: lower case, invariant culture.</summary>
    Lower,

    /// <summary><c>strip:&lt;characters&gt;</c>: the listed characters removed.</summary>
    Strip,
}

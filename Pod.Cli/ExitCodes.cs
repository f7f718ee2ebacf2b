namespace Pod.Cli;

/// <summary>The tool's exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; what was verified is valid.</summary>
    public const int Success = 0;

    /// <summary>Verification ran and the answer is no: a bad signature or proof.</summary>
    public const int VerificationFailed = 1;

    /// <summary>Bad input: unknown arguments, a missing or malformed file, a refused overwrite.</summary>
    public const int BadInput = 2;
}

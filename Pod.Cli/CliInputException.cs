namespace Pod.Cli;

/// <summary>Bad input to the tool: a file that cannot be read or does not hold what it should (exit code 2).</summary>
/// <remarks>The message is one line naming the file and, where there is one, the field.</remarks>
internal sealed class CliInputException(string message, Exception? inner = null) : Exception(message, inner);

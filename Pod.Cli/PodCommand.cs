using System.CommandLine;
using Pod.Cli.Commands;

namespace Pod.Cli;

/// <summary>The <c>pod</c> command: builds the command tree and runs it with the tool's exit codes and error lines.</summary>
internal static class PodCommand
{
    /// <summary>Runs the tool in-process: <paramref name="output"/> gets results, <paramref name="error"/> one line per failure.</summary>
    /// <returns>0 success, 1 verification false, 2 bad input (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var json = new Option<bool>("--json") { Description = "Write one JSON object for scripts instead of text.", Recursive = true };
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Func<ParseResult, CliOutput> outputFor = result => new CliOutput(output, result.GetValue(json), interactive);

        var root = new RootCommand("Pod: POD credentials and GPC proofs (byte-compatible with @pcd/pod and @pcd/gpc).")
        {
            json,
            KeyCommands.Create(outputFor),
            IdentityCommands.Create(outputFor),
            PodCommands.Sign(outputFor),
            PodCommands.Verify(outputFor),
            PodCommands.Inspect(outputFor),
            PodCommands.Convert(outputFor),
            GpcCommands.Create(outputFor),
            ServeCommands.Issuer(outputFor),
            ServeCommands.Verifier(outputFor),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"pod: {parseError.Message}");
            }

            return ExitCodes.BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliInputException e)
        {
            error.WriteLine($"pod: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}

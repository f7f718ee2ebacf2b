using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Pod.Cli;

/// <summary>Where a command writes: plain lines and Spectre tables for people, one JSON object for scripts (--json).</summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public CliOutput(TextWriter output, bool json, bool interactive)
    {
        Writer = output;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
    }

    /// <summary>Gets a value indicating whether the caller asked for JSON.</summary>
    public bool Json { get; }

    /// <summary>Gets the raw writer, for text that must come out byte for byte (a POD's JSON).</summary>
    public TextWriter Writer { get; }

    /// <summary>Gets the Spectre console over the same writer, for tables.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Writes the JSON result when --json was given, otherwise the human lines.</summary>
    public void Result(JsonObject json, params string[] lines)
    {
        if (Json)
        {
            Writer.WriteLine(json.ToJsonString(Indented));
            return;
        }

        foreach (string line in lines)
        {
            Writer.WriteLine(line);
        }
    }
}

using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>
/// Every complete C# example of README.md and docs/*.md compiles against the built libraries with exactly the usings it
/// shows (none missing, none unneeded). A complete example is a <c>```csharp</c> block whose first line is a using directive (<c>using Pod.Gpc;</c>); it is
/// compiled as a program of top-level statements, with the implicit usings of a new console project (System, System.IO,
/// System.Linq, ...) and nothing else. Blocks that start otherwise are fragments of a larger example, left to the tests that
/// run them. A failure names the page and the line of the block.
/// </summary>
public sealed partial class DocExamplesCompileTests
{
    private static readonly string Pages = Path.Combine(AppContext.BaseDirectory, "Docs", "Pages");

    /// <summary>The implicit usings of <c>dotnet new console</c> (ImplicitUsings enabled).</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static TheoryData<string, int> CompleteExamples()
    {
        var data = new TheoryData<string, int>();
        foreach ((string page, int line, _) in Blocks().Where(b => IsComplete(b.Code)))
        {
            data.Add(page, line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CompleteExamples))]
    public void CompleteExample_CompilesWithTheUsingsItShows(string page, int line)
    {
        string code = Blocks().Single(b => b.Page == page && b.Line == line).Code;
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "DocExample",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, options), CSharpSyntaxTree.ParseText(code, options, path: $"{page}:{line}")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        // CS8019, an unnecessary using directive: the example shows exactly the usings it needs, no more.
        string[] errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error || (d.Id == "CS8019" && d.Location.SourceTree?.FilePath.Length > 0)).Select(d =>
            $"{page}:{line + d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
        Assert.True(errors.Length == 0, $"The example at {page}:{line} does not compile as shown:\n{string.Join('\n', errors)}");
    }

    /// <summary>The convention finds the README's example (the first a reader meets), so the theory above cannot run empty.</summary>
    [Fact]
    public void Readme_HasACompleteExample()
    {
        Assert.Contains(Blocks(), b => b.Page == "README.md" && IsComplete(b.Code));
        Assert.Contains(Blocks(), b => b.Page == "docs/serving.md" && IsComplete(b.Code));
    }

    /// <summary>Every <c>```csharp</c> block of the pages: its page, the line of its first code line, its code.</summary>
    private static IEnumerable<(string Page, int Line, string Code)> Blocks()
    {
        foreach (string file in Directory.EnumerateFiles(Pages, "*.md").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file) == "README.md" ? "README.md" : "docs/" + Path.GetFileName(file);
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp")
                {
                    continue;
                }

                int end = i + 1;
                while (end < lines.Length && lines[end].Trim() != "```")
                {
                    end++;
                }

                yield return (name, i + 2, string.Join('\n', lines[(i + 1)..end]));
                i = end;
            }
        }
    }

    private static bool IsComplete(string code) =>
        UsingDirective().IsMatch(code.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "");

    [GeneratedRegex(@"^using\s+(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[\w.<>, ]+)?\s*;\s*$")]
    private static partial Regex UsingDirective();

    /// <summary>The framework (with ASP.NET Core) and Pod's libraries with their dependencies; never the tests, samples or tool.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string[] excluded = ["Pod.Tests", "Pod.Samples", "Pod.Cli", "LoadHost", "xunit", "FsCheck", "Microsoft.Playwright", "Deque", "testhost", "Microsoft.TestPlatform", "Microsoft.VisualStudio"];
        return [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal)
                && !excluded.Any(x => Path.GetFileName(path).StartsWith(x, StringComparison.OrdinalIgnoreCase)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}

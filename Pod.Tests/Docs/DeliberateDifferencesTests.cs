using System.Text.RegularExpressions;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>The table of deliberate differences (Vectors/DeliberateDifferences.cs) and docs/compatibility.md say the same.</summary>
public sealed partial class DeliberateDifferencesTests
{
    private static string Page => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "compatibility.md"));

    [Fact]
    public void Table_EveryRowHasItsSectionAndEverySectionItsRow()
    {
        var documented = DocumentedRow().Matches(Page).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(documented.Distinct().Count(), documented.Count);
        Assert.Equal(Enumerable.Range(1, documented.Count), documented);
        Assert.Equal(documented.Order(), DeliberateDifferences.All.Select(r => r.Section).Distinct().Order());
    }

    [Fact]
    public void Table_RowsNameAClassAndAreInSectionOrder()
    {
        Assert.All(DeliberateDifferences.All, r => Assert.False(string.IsNullOrWhiteSpace(r.InputClass)));
        Assert.Equal(DeliberateDifferences.All.Select(r => r.Section).Order(), DeliberateDifferences.All.Select(r => r.Section));
    }

    [GeneratedRegex(@"^\| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();
}

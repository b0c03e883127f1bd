namespace ItStopsHere.Tests.Site;

/// <summary>
/// Dependencies point one way: pages use the features, never the other way round. No source file outside
/// <c>src/ItStopsHere.Web/Pages/</c> may mention <c>ItStopsHere.Web.Pages</c> (a using, a type name, a
/// string); a feature that needs what a page's input holds takes a value of its own that the page maps to
/// (e.g. <c>Content/NewsItemDraft</c>), and a rule a page and a feature share lives in the feature.
/// </summary>
public class FeatureBoundaryTests
{
    private const string PagesNamespace = "ItStopsHere.Web.Pages";

    [Fact]
    public void NoFileOutsidePages_MentionsThePagesNamespace()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "ItStopsHere.Web");
        var pages = Path.Combine(web, "Pages") + Path.DirectorySeparatorChar;
        var sources = SourceFiles(web).ToList();
        var outside = sources.Where(f => !f.StartsWith(pages, StringComparison.Ordinal)).ToList();

        // The test reads the real tree: the feature folders and the pages are both there.
        Assert.Contains(outside, f => f.EndsWith(Path.Combine("Signing", "SignatureWriter.cs"), StringComparison.Ordinal));
        Assert.Contains(sources, f => f.StartsWith(pages, StringComparison.Ordinal) && File.ReadAllText(f).Contains(PagesNamespace, StringComparison.Ordinal));

        var offenders = outside
            .Select(f => (File: Path.GetRelativePath(web, f), Lines: File.ReadAllLines(f)
                .Select((text, i) => (Text: text.Trim(), Number: i + 1))
                .Where(line => line.Text.Contains(PagesNamespace, StringComparison.Ordinal))
                .ToList()))
            .Where(f => f.Lines.Count > 0)
            .SelectMany(f => f.Lines.Select(line => $"{f.File}:{line.Number}: {line.Text}"))
            .ToList();
        Assert.True(offenders.Count == 0, "Feature code must not use the pages (move the shared value or rule into the feature):\n" + string.Join('\n', offenders));
    }

    private static IEnumerable<string> SourceFiles(string web) =>
        Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsUnder(f, web, "bin") && !IsUnder(f, web, "obj"));

    private static bool IsUnder(string file, string web, string folder) =>
        file.StartsWith(Path.Combine(web, folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ItStopsHere.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ItStopsHere.sln not found above " + AppContext.BaseDirectory);
    }
}

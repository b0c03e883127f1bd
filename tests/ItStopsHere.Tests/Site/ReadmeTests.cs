using System.Text.RegularExpressions;
using ItStopsHere.Tests.Support;

namespace ItStopsHere.Tests.Site;

/// <summary>
/// The README is the map of the code: every <c>.cs</c> or <c>.cshtml</c> file it names must exist under
/// <c>src/</c> or <c>tests/</c>. A name with folders (<c>Signing/SignatureWriter.cs</c>) must match the
/// end of a real file's path, so a file that moved to another folder fails too.
/// </summary>
public partial class ReadmeTests
{
    /// <summary>
    /// Files the README names before they exist: issue 11's signing service and signature column list,
    /// written on parallel branches. Delete these entries once those branches are merged.
    /// </summary>
    [Fact]
    public void EveryCodeFileTheReadmeNames_Exists()
    {
        var root = AppProcessCore.RepositoryRoot();
        var files = new[] { "src", "tests" }
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(root, top), "*.cs*", SearchOption.AllDirectories))
            .Select(path => "/" + Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .ToList();
        var named = CodeFileName().Matches(File.ReadAllText(Path.Combine(root, "README.md")))
            .Select(m => m.Groups["path"].Value)
            .Distinct()
            .ToList();

        // The README's own rule for finding tests speaks of Pages/X/Y.cshtml: one-letter names are placeholders.
        var missing = named
            .Where(path => Path.GetFileNameWithoutExtension(path).Length > 1)
            .Where(path => !files.Any(file => file.EndsWith("/" + path, StringComparison.Ordinal)))
            .ToList();

        Assert.True(named.Count > 20, $"The README should name the code files it describes; found only {named.Count}.");
        Assert.True(missing.Count == 0, "README.md names files that do not exist (moved or renamed?): " + string.Join(", ", missing));
    }

    /// <summary>A relative path ending in .cs or .cshtml, not part of a longer word, URL or path.</summary>
    [GeneratedRegex(@"(?<![\w/.-])(?<path>(?:[\w.-]+/)*[\w.-]+\.(?:cshtml|cs))(?![\w.])")]
    private static partial Regex CodeFileName();
}

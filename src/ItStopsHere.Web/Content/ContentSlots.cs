using System.Text.RegularExpressions;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Placeholders an editable page's Markdown may hold, each alone in its own paragraph (<c>{{five-ds}}</c>):
/// where the page shows one of its structured lists, or a part that follows the site's settings (the
/// report buttons, the training address). <see cref="ContentHtml"/> marks them in the stored HTML, and the
/// page's view (<c>Pages/Shared/_ContentBody.cshtml</c>) fills them in when it is shown.
/// </summary>
public static partial class ContentSlots
{
    public const string Attribute = "data-slot";

    /// <summary>Each placeholder and what it shows, for the editor's hint.</summary>
    public static IReadOnlyDictionary<string, string> Known { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["five-ds"] = "the 5 Ds, from their list",
        ["four-actions"] = "links to the four actions",
        ["report-and-support"] = "the report buttons, which follow the reporting settings",
        ["training-contact"] = "“To arrange training, email …” with the training address from the settings",
    };

    /// <summary>The placeholder's name when <paramref name="text"/> is one (known or not); otherwise null.</summary>
    public static string? NameIn(string? text)
    {
        var match = Placeholder().Match(text ?? "");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The stored HTML cut at its placeholders: each piece is HTML, or a placeholder's name.</summary>
    public static IEnumerable<(string? Html, string? Slot)> Split(string? html)
    {
        var at = 0;
        var value = html ?? "";
        foreach (Match match in Marker().Matches(value))
        {
            yield return (value[at..match.Index], null);
            yield return (null, match.Groups[1].Value);
            at = match.Index + match.Length;
        }

        yield return (value[at..], null);
    }

    [GeneratedRegex(@"^\s*\{\{\s*([a-z0-9-]{1,40})\s*\}\}\s*$")]
    private static partial Regex Placeholder();

    [GeneratedRegex("<div data-slot=\"([a-z0-9-]{1,40})\"></div>")]
    private static partial Regex Marker();
}

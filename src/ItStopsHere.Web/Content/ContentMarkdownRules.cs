using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ItStopsHere.Web.Content;

/// <summary>
/// What an editable page's Markdown must keep to, checked before it is saved: links only to web pages,
/// email addresses, phone numbers or this site; no pictures (the site has none from outside, and their
/// descriptions could not be checked); and headings that go down one level at a time, so the outline
/// screen-reader users navigate by makes sense. The renderer's sanitiser is the second line of defence.
/// </summary>
public static class ContentMarkdownRules
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UsePipeTables()
        .Build();

    private static readonly string[] AllowedSchemes = ["http:", "https:", "mailto:", "tel:"];

    /// <summary>Each problem as a sentence for the editor; empty when the text is fine.</summary>
    public static IReadOnlyList<string> Problems(string? markdown)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return problems;
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.IsImage)
            {
                problems.Add("Pictures cannot be added to a page: remove the ![...](...) and describe it in words instead.");
            }
            else if (!IsAllowedAddress(link.Url))
            {
                problems.Add($"The link “{Shorten(link.Url)}” cannot be used: links must start with https://, http://, mailto:, tel: or / (a page on this site).");
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsAllowedAddress(link.IsEmail ? "mailto:" + link.Url : link.Url))
            {
                problems.Add($"The link “{Shorten(link.Url)}” cannot be used: links must start with https://, http://, mailto:, tel: or / (a page on this site).");
            }
        }

        foreach (var paragraph in document.Descendants<ParagraphBlock>())
        {
            var text = paragraph.Inline is null ? "" : string.Concat(paragraph.Inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            if (ContentSlots.NameIn(text) is { } name && !ContentSlots.Known.ContainsKey(name))
            {
                problems.Add($"“{{{{{name}}}}}” is not a placeholder this site knows. Use one of: {string.Join(", ", ContentSlots.Known.Keys.Select(k => "{{" + k + "}}"))}.");
            }
        }

        var levels = document.Descendants<HeadingBlock>().Select(h => h.Level).ToList();
        if (levels.Count > 0)
        {
            var top = levels.Min();
            if (levels[0] != top)
            {
                problems.Add($"The first heading must be the biggest one: it is {Hashes(levels[0])}, but a later heading is {Hashes(top)}.");
            }

            for (var i = 1; i < levels.Count; i++)
            {
                if (levels[i] > levels[i - 1] + 1)
                {
                    problems.Add($"Heading {i + 1} skips a level: a {Hashes(levels[i])} heading cannot follow a {Hashes(levels[i - 1])} heading. Use {Hashes(levels[i - 1] + 1)} instead.");
                    break;
                }
            }
        }

        return problems.Distinct().ToList();
    }

    private static bool IsAllowedAddress(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var value = url.Trim();
        if ((value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal)) || value.StartsWith('#'))
        {
            return true;
        }

        return AllowedSchemes.Any(s => value.StartsWith(s, StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate(value, UriKind.Absolute, out _);
    }

    private static string Hashes(int level) => new('#', level);

    private static string Shorten(string? url) =>
        url is null ? "" : url.Length > 60 ? url[..59] + "…" : url;
}

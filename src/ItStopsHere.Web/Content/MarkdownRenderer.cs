using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Microsoft.AspNetCore.Html;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Turns Markdown written by the campaign team (news bodies, and the admin area's preview) into HTML
/// that is safe to put on a page. Two layers, because either alone has gaps: Markdig does not pass raw
/// HTML through, and HtmlSanitizer then removes anything still dangerous, such as a
/// <c>[link](javascript:...)</c>, which Markdown itself allows. Thread-safe; register as a singleton.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer _sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
            "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto", "tel" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        // No style attributes or CSS at all: the site's Content-Security-Policy forbids inline styles.
        AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
    });

    /// <summary>
    /// Renders <paramref name="markdown"/> as sanitised HTML. Headings are shifted so that the biggest
    /// one becomes <paramref name="topHeadingLevel"/>: the page's own title is its only h1, and
    /// headings stay in order whichever level the author started at.
    /// </summary>
    public HtmlString Render(string? markdown, int topHeadingLevel = 2)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return HtmlString.Empty;
        }

        var document = Markdown.Parse(markdown, Pipeline);
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (headings.Count > 0)
        {
            var shift = topHeadingLevel - headings.Min(h => h.Level);
            foreach (var heading in headings)
            {
                heading.Level = Math.Clamp(heading.Level + shift, topHeadingLevel, 6);
            }
        }

        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();

        return new HtmlString(_sanitizer.Sanitize(writer.ToString()));
    }
}

using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Renders an editable page's Markdown once, when a version is published or scheduled (the result is
/// stored with it), through the site's <see cref="MarkdownRenderer"/> (Markdig, then the sanitiser), and
/// then gives three plain-Markdown patterns the site's own components, so editors never write HTML:
/// <list type="bullet">
/// <item>a quotation whose last paragraph starts with "— " becomes a quote with that line as its caption;</item>
/// <item>a list whose items are each one <c>tel:</c> link becomes the large call buttons; the link's title
/// (<c>[999](tel:999 "emergency")</c>) is read out after the number ("Call 999, emergency");</item>
/// <item>headings get ids from their words, so sections can be linked to (<c>/consent#consent-is-ongoing</c>).</item>
/// </list>
/// Everything added here is built from the sanitised output's own text and fixed class names.
/// </summary>
public sealed partial class ContentHtml(MarkdownRenderer markdown)
{
    private const string CaptionMark = "— ";

    public string Render(string? body)
    {
        var html = markdown.Render(body).Value ?? "";
        if (html.Length == 0)
        {
            return "";
        }

        var parser = new HtmlParser();
        var document = parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var root = document.Body!;
        root.InnerHtml = html;

        AddHeadingIds(root);
        MakeQuoteFigures(document, root);
        MakeCallLinks(document, root);
        return root.InnerHtml;
    }

    private static void AddHeadingIds(IElement root)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in root.QuerySelectorAll("h2, h3, h4, h5, h6"))
        {
            var id = NotWordCharacters().Replace(heading.TextContent.ToLowerInvariant(), "-").Trim('-');
            if (id.Length == 0)
            {
                continue;
            }

            var unique = id;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{id}-{n}";
            }

            heading.Id = unique;
        }
    }

    private static void MakeQuoteFigures(IDocument document, IElement root)
    {
        foreach (var quote in root.QuerySelectorAll("blockquote").ToList())
        {
            var paragraphs = quote.Children.Where(c => c.LocalName == "p").ToList();
            var last = paragraphs.LastOrDefault();
            if (last is null || paragraphs.Count < 2 || last != quote.LastElementChild || !last.TextContent.StartsWith(CaptionMark, StringComparison.Ordinal))
            {
                continue;
            }

            var figure = document.CreateElement("figure");
            figure.ClassName = "quote";
            var caption = document.CreateElement("figcaption");
            foreach (var node in last.ChildNodes.ToList())
            {
                caption.AppendChild(node);
            }

            if (caption.FirstChild is IText text)
            {
                text.Data = text.Data[CaptionMark.Length..];
            }

            last.Remove();
            quote.Replace(figure);
            figure.AppendChild(quote);
            figure.AppendChild(caption);
        }
    }

    private static void MakeCallLinks(IDocument document, IElement root)
    {
        foreach (var list in root.QuerySelectorAll("ul"))
        {
            var items = list.Children.ToList();
            var links = items
                .Select(li => li.ChildNodes.Where(n => n is not IText t || !string.IsNullOrWhiteSpace(t.Data)).ToList())
                .Select(nodes => nodes.Count == 1 && nodes[0] is IElement { LocalName: "a" } a
                    && (a.GetAttribute("href") ?? "").StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? a : null)
                .ToList();
            if (items.Count == 0 || links.Any(a => a is null))
            {
                continue;
            }

            list.ClassName = "call-links";
            foreach (var link in links)
            {
                link!.ClassName = "call-link";
                var before = document.CreateElement("span");
                before.ClassName = "visually-hidden";
                before.TextContent = "Call ";
                link.Prepend(before);
                var title = link.GetAttribute("title");
                if (!string.IsNullOrWhiteSpace(title))
                {
                    var after = document.CreateElement("span");
                    after.ClassName = "visually-hidden";
                    after.TextContent = ", " + title.Trim();
                    link.Append(after);
                    link.RemoveAttribute("title");
                }
            }
        }
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotWordCharacters();
}

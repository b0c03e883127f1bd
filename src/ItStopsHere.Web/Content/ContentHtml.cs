using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Renders an editable page's Markdown once, when a version is published or scheduled (the result is
/// stored with it), through the site's <see cref="MarkdownRenderer"/> (Markdig, then the sanitiser), and
/// then gives three plain-Markdown patterns the site's own components, so editors never write HTML:
/// <list type="bullet">
/// <item>a quotation whose last paragraph starts with "— " becomes a quote with that line as its caption;</item>
/// <item>a list whose items are each one <c>tel:</c> link becomes the large call buttons; the link's title
/// (<c>[999](tel:999 "emergency")</c>) is read out after the number ("Call 999, emergency");</item>
/// <item>headings get ids from their words, so sections can be linked to (<c>/consent#consent-is-ongoing</c>;
/// "&amp;" counts as "and");</item>
/// <item>a quotation whose first words are bold (<c>&gt; **Your safety comes first.** ...</c>) becomes a highlighted box;</item>
/// <item>a paragraph that is only a placeholder such as <c>{{five-ds}}</c> (see <see cref="ContentSlots"/>) marks
/// where the page shows a part drawn from its lists or the site's settings;</item>
/// <item>on pages that ask for it (<see cref="ContentPageEntry.Sections"/>), each <c>##</c> heading and what follows
/// it become a section (<c>/take-action#talk-about-it</c>).</item>
/// </list>
/// Everything added here is built from the sanitised output's own text and fixed class names.
/// </summary>
public sealed partial class ContentHtml(MarkdownRenderer markdown)
{
    private const string CaptionMark = "— ";

    public string Render(string? body, bool sections = false)
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
        MakeCallouts(document, root);
        MarkSlots(document, root);
        if (sections)
        {
            MakeSections(document, root);
        }

        return root.InnerHtml;
    }

    /// <summary>The items with each Markdown text rendered and sanitised (see <see cref="ContentListDefinition.TextIsMarkdown"/>), ready to store.</summary>
    public List<ContentListItem> RenderItems(IEnumerable<ContentListItem> items) =>
        items.Select(item => ContentListCatalog.Find(item.List) is { TextIsMarkdown: true } && !string.IsNullOrWhiteSpace(item.Text)
            ? item with { Html = markdown.Render(item.Text).Value }
            : item with { Html = null }).ToList();

    /// <summary>The body's HTML for the page <paramref name="slug"/> (sections where its catalog entry asks for them).</summary>
    public string RenderFor(string slug, string? body) => Render(body, ContentPageCatalog.Find(slug)?.Sections ?? false);

    private static void AddHeadingIds(IElement root)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in root.QuerySelectorAll("h2, h3, h4, h5, h6"))
        {
            var id = NotWordCharacters().Replace(heading.TextContent.Replace("&", " and ", StringComparison.Ordinal).ToLowerInvariant(), "-").Trim('-');
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

    private static void MakeCallouts(IDocument document, IElement root)
    {
        foreach (var quote in root.Children.Where(c => c.LocalName == "blockquote").ToList())
        {
            var first = quote.FirstElementChild;
            if (first?.LocalName != "p" || first.FirstChild is not IElement { LocalName: "strong" })
            {
                continue;
            }

            var box = document.CreateElement("div");
            box.ClassName = "callout";
            foreach (var node in quote.ChildNodes.ToList())
            {
                box.AppendChild(node);
            }

            quote.Replace(box);
        }
    }

    private static void MarkSlots(IDocument document, IElement root)
    {
        foreach (var paragraph in root.QuerySelectorAll("p").ToList())
        {
            var name = ContentSlots.NameIn(paragraph.TextContent);
            if (name is null || paragraph.Children.Length > 0)
            {
                continue;
            }

            var slot = document.CreateElement("div");
            slot.SetAttribute(ContentSlots.Attribute, name);
            paragraph.Replace(slot);
        }
    }

    private static void MakeSections(IDocument document, IElement root)
    {
        foreach (var heading in root.Children.Where(c => c.LocalName == "h2" && !string.IsNullOrEmpty(c.Id)).ToList())
        {
            var section = document.CreateElement("section");
            section.Id = heading.Id;
            section.ClassName = "action";
            heading.Id += "-heading";
            section.SetAttribute("aria-labelledby", heading.Id);
            var next = heading.NextSibling;
            heading.Replace(section);
            section.AppendChild(heading);
            while (next is not null && next is not IElement { LocalName: "h2" })
            {
                var after = next.NextSibling;
                section.AppendChild(next);
                next = after;
            }
        }
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotWordCharacters();
}

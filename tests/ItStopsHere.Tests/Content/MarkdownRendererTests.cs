using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Tests.Content;

public class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static readonly string[] SafeSchemes = ["http:", "https:", "mailto:", "tel:"];

    public static TheoryData<string> HostileMarkdown() => new(
        "<script>alert(1)</script>",
        "Text <script src=\"https://evil.example/x.js\"></script> more",
        "<SCRIPT>alert(1)</SCRIPT>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click]( javascript:alert(1) )",
        "[click](java&#x09;script:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "<javascript:alert(1)>",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "<a href=\"https://example.org\" onclick=\"alert(1)\">link</a>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<svg onload=alert(1)></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p style=\"background:url(javascript:alert(1))\">styled</p>",
        "| a | b |\n|:--|--:|\n| 1 | 2 |",
        "<style>body{display:none}</style>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```");

    [Theory]
    [MemberData(nameof(HostileMarkdown))]
    public void Render_HostileInput_LeavesNoScriptHandlersOrUnsafeLinks(string markdown)
    {
        var fragment = Parse(Renderer.Render(markdown).Value!);

        Assert.Empty(fragment.QuerySelectorAll("script, style, iframe, object, embed, svg, img, form, input"));
        var attributes = fragment.QuerySelectorAll("*").SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name.Equals("style", StringComparison.OrdinalIgnoreCase));
        foreach (var link in attributes.Where(a => a.Name is "href" or "src"))
        {
            var value = link.Value.Trim();
            Assert.True(
                value.StartsWith('/') || value.StartsWith('#') || SafeSchemes.Any(s => value.StartsWith(s, StringComparison.OrdinalIgnoreCase)),
                $"Unsafe {link.Name}=\"{link.Value}\" from: {markdown}");
        }
    }

    [Fact]
    public void Render_ScriptTag_IsShownAsTextNeverRun()
    {
        var fragment = Parse(Renderer.Render("Say <script>alert(1)</script> out loud").Value!);

        Assert.Empty(fragment.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", fragment.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_JavaScriptLink_KeepsTextButLosesAddress()
    {
        var fragment = Parse(Renderer.Render("[click me](javascript:alert(1))").Value!);

        var link = Assert.Single(fragment.QuerySelectorAll("a"));
        Assert.Equal("click me", link.TextContent);
        Assert.Null(link.GetAttribute("href"));
    }

    [Fact]
    public void Render_OrdinaryMarkdown_KeepsItsFormattingAndSafeLinks()
    {
        var html = Renderer.Render(
            "Some **bold** and *italic* text.\n\n" +
            "- one\n- two\n\n" +
            "1. first\n2. second\n\n" +
            "> A quote\n\n" +
            "[Get help](/help), [Rape Crisis](https://rapecrisis.org.uk), [email us](mailto:team@example.ac.uk), [call](tel:08085002222) and https://example.org").Value!;
        var fragment = Parse(html);

        Assert.Equal("bold", fragment.QuerySelector("strong")?.TextContent);
        Assert.Equal("italic", fragment.QuerySelector("em")?.TextContent);
        Assert.Equal(2, fragment.QuerySelectorAll("ul li").Length);
        Assert.Equal(2, fragment.QuerySelectorAll("ol li").Length);
        Assert.NotNull(fragment.QuerySelector("blockquote"));
        Assert.Equal(
            ["/help", "https://rapecrisis.org.uk", "mailto:team@example.ac.uk", "tel:08085002222", "https://example.org"],
            fragment.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("# Top\n\n## Next\n\n### Third", new[] { "h2", "h3", "h4" })]
    [InlineData("### Starts low\n\n#### Below", new[] { "h2", "h3" })]
    [InlineData("## Already right", new[] { "h2" })]
    public void Render_Headings_StartBelowThePageTitleAndKeepTheirOrder(string markdown, string[] expected)
    {
        var fragment = Parse(Renderer.Render(markdown).Value!);

        Assert.Equal(expected, fragment.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Render_Nothing_IsEmpty(string? markdown) => Assert.Equal("", Renderer.Render(markdown).Value);

    private static IElement Parse(string html)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><body></body>");
        document.Body!.InnerHtml = html;
        return document.Body;
    }
}

using ItStopsHere.Web.Content;

namespace ItStopsHere.Tests.Content;

/// <summary>The editable pages' Markdown rules, their component conventions, and the word diff.</summary>
public class ContentPageRulesTests
{
    [Theory]
    [InlineData("## A\n\n### B\n\n## C\n\nText with [a link](https://example.org), [mail](mailto:a@example.org), [call](tel:999) and [here](/help).")]
    [InlineData("Just a paragraph.")]
    [InlineData("### Starts at three\n\n#### Then four")]
    public void Problems_AcceptableMarkdown_None(string markdown) =>
        Assert.Empty(ContentMarkdownRules.Problems(markdown));

    [Theory]
    [InlineData("## A\n\n#### Skips three", "skips a level")]
    [InlineData("### Small first\n\n## Bigger later", "first heading must be the biggest")]
    [InlineData("![a photo](https://example.org/a.png)", "Pictures cannot be added")]
    [InlineData("[x](javascript:alert(1))", "cannot be used")]
    [InlineData("[x](//evil.example/path)", "cannot be used")]
    [InlineData("[x](ftp://example.org/file)", "cannot be used")]
    public void Problems_UnsafeOrBadlyOutlined_SaysWhy(string markdown, string expected) =>
        Assert.Contains(ContentMarkdownRules.Problems(markdown), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Diff_MarksOnlyTheChangedWords_AndKeepsTheRestInOrder()
    {
        var parts = ContentDiff.Compare("Consent is ongoing in every relationship.", "Consent is ongoing in every relationship and marriage.");

        Assert.Equal("Consent is ongoing in every relationship and marriage.",
            string.Concat(parts.Where(p => p.Kind != ContentDiffKind.Removed).Select(p => p.Text)));
        Assert.Equal("Consent is ongoing in every relationship.",
            string.Concat(parts.Where(p => p.Kind != ContentDiffKind.Added).Select(p => p.Text)));
        Assert.Contains(parts, p => p.Kind == ContentDiffKind.Added && p.Text.Contains("marriage", StringComparison.Ordinal));
        Assert.DoesNotContain(parts, p => p.Kind != ContentDiffKind.Same && p.Text.Contains("ongoing", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_QuoteWithDashCaption_BecomesFigure_AndPhoneListBecomesCallButtons()
    {
        var html = new ContentHtml(new MarkdownRenderer()).Render(
            "## Heading\n\n> \"Quoted words.\"\n>\n> — A source, *Journal*\n\n- [999](tel:999 \"emergency\")\n- [101](tel:101)\n\nA paragraph.\n\n- [not a phone](/help)");

        Assert.Contains("<h2 id=\"heading\">Heading</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<figure class=\"quote\"><blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<figcaption>A source, <em>Journal</em></figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("<ul class=\"call-links\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:999\" class=\"call-link\"><span class=\"visually-hidden\">Call </span>999<span class=\"visually-hidden\">, emergency</span></a>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"/help\">not a phone</a></li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_HostileMarkdown_StaysSanitised()
    {
        var html = new ContentHtml(new MarkdownRenderer()).Render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1) \"t\")\n\n- [999](tel:999 \"<img src=x onerror=alert(1)>\")");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }
}

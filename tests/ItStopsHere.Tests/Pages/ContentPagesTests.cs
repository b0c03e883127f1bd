using System.Net;
using AngleSharp.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Tests.Pages;

public class ContentPagesTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static IEnumerable<string> PublicPagePaths() =>
        SearchEngineFiles.PublicPagePaths().Append("/news/the-hunting-ground-screening-and-q-and-a");

    public static TheoryData<string> PublicPages() => new(PublicPagePaths());

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Get_PublicPage_HasOneH1AndItsOwnTitleDescriptionAndShareTags(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync(path);

        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector("meta[name=description]")?.GetAttribute("content")));
        Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector("meta[property='og:title']")?.GetAttribute("content")));
        // Every page has a share image that exists: the default card, or the page's own (the pledge has one).
        var image = new Uri(document.QuerySelector("meta[property='og:image']")?.GetAttribute("content") ?? "");
        Assert.StartsWith("/img/", image.AbsolutePath, StringComparison.Ordinal);
        using (var imageResponse = await client.GetAsync(image.AbsolutePath))
        {
            Assert.Equal("image/png", imageResponse.Content.Headers.ContentType?.MediaType);
        }
        AssertHeadingsInOrder(document, path);
        Assert.Empty(document.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Get_EveryPublicPage_HasADistinctTitleAndDescription()
    {
        var client = factory.CreateBrowserLikeClient();
        var titles = new List<string>();
        var descriptions = new List<string>();

        foreach (var path in PublicPagePaths())
        {
            var document = await client.GetHtmlAsync(path);
            titles.Add(document.Title ?? "");
            descriptions.Add(document.QuerySelector("meta[name=description]")?.GetAttribute("content") ?? "");
        }

        Assert.Equal(titles.Count, titles.Distinct().Count());
        Assert.Equal(descriptions.Count, descriptions.Distinct().Count());
    }

    [Theory]
    [InlineData("/what-is-sexual-harassment")]
    [InlineData("/consent")]
    [InlineData("/impact")]
    [InlineData("/myths")]
    public async Task Get_PageThatDiscussesAssault_BeginsWithContentNote(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync(path);

        var h1 = document.QuerySelector("main h1")!;
        var note = h1.NextElementSibling;
        Assert.NotNull(note);
        Assert.Contains("content-note", note.ClassList);
        Assert.StartsWith("Content note:", note.Text(), StringComparison.Ordinal);
        Assert.Contains(note.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/help");
    }

    [Fact]
    public async Task Get_Home_ShowsCampaignPledgeCallToActionFourActionsLatestNewsAndHelp()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/");

        var main = document.QuerySelector("main")!;
        // The heading says what the campaign stands for, not the site's name again (the header carries that).
        Assert.Equal("Sexual harassment stops here, with all of us.", main.QuerySelector("h1").Text());
        Assert.NotNull(main.QuerySelector(".hero [data-pledge-count]"));
        Assert.Contains("to challenge sexual harassment", main.QuerySelector(".hero__lead").Text(), StringComparison.Ordinal);
        Assert.Contains(main.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/pledge" && a.Text() == "Take the pledge");

        var actionLinks = main.QuerySelectorAll("#actions-heading + .card-grid .card__title a");
        Assert.Equal(CampaignAction.All.Select(a => a.Title), actionLinks.Select(a => a.Text()));
        Assert.All(actionLinks, a => Assert.StartsWith("/take-action#", a.GetAttribute("href"), StringComparison.Ordinal));

        var news = main.QuerySelectorAll("#news-heading ~ .card-grid .card__title a").Select(a => a.Text()).ToList();
        Assert.Equal(
            ["Thank you for visiting us at the Welcome Fair", "Help us: take our student survey", "Screening of The Hunting Ground and Q&A with director Kirby Dick"],
            news);
        Assert.Contains(main.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/news");
        Assert.Contains(main.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/help");
    }

    [Fact]
    public async Task Get_WhatIsSexualHarassment_CoversFormsLawMicroaggressionsAndReporting()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/what-is-sexual-harassment");

        var text = document.QuerySelector("main").Text();
        Assert.Equal("What is sexual harassment?", document.QuerySelector("h1").Text());
        Assert.Contains("Equality Act 2010 (section 26)", text, StringComparison.Ordinal);
        foreach (var form in new[] { "Words, jokes and noises", "Threats and unwanted touching", "Online and image-based harassment", "By people with power", "By groups" })
        {
            Assert.Contains(document.QuerySelectorAll("h3"), h => h.Text() == form);
        }

        Assert.Contains("uninvited or unwanted kisses", text, StringComparison.Ordinal);
        Assert.Contains("forms of online harassment", text, StringComparison.Ordinal);
        Assert.Contains("Anyone can be a perpetrator", text, StringComparison.Ordinal);
        Assert.Contains("Sue, D. W. et al. (2007)", document.QuerySelector("figure.quote figcaption").Text(), StringComparison.Ordinal);
        Assert.Contains("Protection from Harassment Act 1997", text, StringComparison.Ordinal);
        Assert.Contains("sections 66A and 66B", text, StringComparison.Ordinal);
        Assert.Contains("Rape Crisis", text, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "tel:999");
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "tel:08085002222");
        // The original site's typos are corrected.
        Assert.DoesNotContain("or wanted kisses", text, StringComparison.Ordinal);
        Assert.DoesNotContain("physical harassment", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Consent_GivesLegalDefinitionFreedomCapacityAndRuleOfThumb()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/consent");

        var text = document.QuerySelector("main").Text();
        Assert.Contains("Sexual Offences Act 2003 (section 74)", text, StringComparison.Ordinal);
        Assert.Contains("agree by choice, and have the freedom and capacity to make that choice", text, StringComparison.Ordinal);
        Assert.Contains("R v Bree", text, StringComparison.Ordinal);
        foreach (var heading in new[] { "Freedom and capacity", "Consent is ongoing", "Consent depends on context", "Consent in relationships" })
        {
            Assert.Contains(document.QuerySelectorAll("h2"), h => h.Text() == heading);
        }

        Assert.Contains("You are doing things because you want to, and you must check that the other person, or people, are doing things because they want to.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Impact_ShowsTheFourStatisticsWithTheirSources()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/impact");

        var stats = document.QuerySelectorAll(".stat").Select(s => (
            Figure: s.QuerySelector(".stat__figure").Text(),
            Statement: s.QuerySelector(".stat__statement").Text(),
            Source: s.QuerySelector(".stat__source").Text())).ToList();
        Assert.Equal(["49%", "60%", "67%", "25%"], stats.Select(s => s.Figure));
        Assert.Equal("of sexual assault survivors reported issues with their mental health", stats[0].Statement);
        Assert.Equal("of sexual assault or stalking cases involved a student as the perpetrator", stats[1].Statement);
        Assert.Contains("rape or sexual assault jokes on campus", stats[2].Statement, StringComparison.Ordinal);
        Assert.Equal("of sexual assault survivors said their studies had been affected", stats[3].Statement);
        Assert.Contains("NUS research", stats[0].Source, StringComparison.Ordinal);
        Assert.Contains("NUS, Hidden Marks (2010)", stats[1].Source, StringComparison.Ordinal);
        Assert.Contains("NUS, Lad Culture survey (September 2014)", stats[2].Source, StringComparison.Ordinal);
        Assert.Contains("NUS research", stats[3].Source, StringComparison.Ordinal);
        Assert.All(stats, s => Assert.StartsWith("Source:", s.Source, StringComparison.Ordinal));

        var text = document.QuerySelector("main").Text();
        Assert.Contains("Hidden Marks", text, StringComparison.Ordinal);
        Assert.Contains("were affected", text, StringComparison.Ordinal);
        Assert.DoesNotContain("effected", text, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/pledge");
    }

    [Fact]
    public async Task Get_Impact_FirstVersionsFiguresComeFromConfiguration()
    {
        await using var site = new SiteFactory()
            .With("Campaign:Statistics:0:Figure", "51%")
            .With("Campaign:Statistics:0:Source", "A newer survey (2026)");
        var client = site.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/impact");

        var first = document.QuerySelector(".stat")!;
        Assert.Equal("51%", first.QuerySelector(".stat__figure").Text());
        Assert.Equal("Source: A newer survey (2026)", first.QuerySelector(".stat__source").Text());
    }

    [Fact]
    public async Task Get_Myths_ShowsEachMythInADisclosureWithAnswerAndSource()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/myths");

        var myths = document.QuerySelectorAll("details.myth").ToList();
        Assert.Equal(6, myths.Count);
        var statements = myths.Select(m => m.QuerySelector("summary").Text()).ToList();
        Assert.Equal(
            [
                "Myth: Women provoke rape by the way they dress or act",
                "Myth: Only gay men get raped, and only gay men rape men",
                "Myth: If she didn't scream, fight or get injured, it wasn't rape",
                "Myth: Rape only occurs between strangers",
                "Myth: False reports of rape are common",
                "Myth: If you were drinking, it was partly your fault",
            ],
            statements);
        Assert.All(myths, myth =>
        {
            Assert.False(myth.HasAttribute("open"));
            Assert.StartsWith("Fact:", myth.QuerySelector(".myth__answer p").Text(), StringComparison.Ordinal);
            Assert.True(myth.QuerySelector(".myth__answer").Text().Length > 80, "Each myth needs a real answer.");
            Assert.StartsWith("Source: ", myth.QuerySelector(".myth__source").Text(), StringComparison.Ordinal);
        });
        Assert.Contains("5,651", myths[4].Text(), StringComparison.Ordinal);
        Assert.Contains("R v Bree", myths[5].QuerySelector(".myth__source").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Myths_ReadsFromTheDatabase()
    {
        await using var site = new SiteFactory();
        await site.WithDbAsync(async db =>
        {
            var first = db.Myths.OrderBy(m => m.SortOrder).First();
            first.Statement = "An edited myth";
            first.SourceUrl = "https://example.org/research";
            db.Myths.Add(new Myth { Statement = "A myth with a bad link", Answer = "An answer.", Source = "Somewhere", SourceUrl = "javascript:alert(1)", SortOrder = 99 });
            return await db.SaveChangesAsync();
        });
        var client = site.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/myths");

        var myths = document.QuerySelectorAll("details.myth").ToList();
        Assert.Equal("Myth: An edited myth", myths[0].QuerySelector("summary").Text());
        Assert.Equal("https://example.org/research", myths[0].QuerySelector(".myth__source a")?.GetAttribute("href"));
        Assert.Equal("Myth: A myth with a bad link", myths[^1].QuerySelector("summary").Text());
        Assert.Null(myths[^1].QuerySelector(".myth__source a"));
    }

    [Fact]
    public async Task Get_TakeAction_WithoutReportUrl_LeadsEachActionSomewhereReal()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/take-action");

        Assert.Equal(CampaignAction.All.Select(a => a.Title), document.QuerySelectorAll("section.action h2").Select(h => h.Text()));
        AssertLinksTo(document, "#report-and-support", "/help");
        AssertLinksTo(document, "#talk-about-it", "/myths");
        AssertLinksTo(document, "#talk-about-it", "/news");
        AssertLinksTo(document, "#be-an-active-bystander", "/take-action/bystander-tips");
        AssertLinksTo(document, "#frontline-staff-training", "mailto:itstopshere@example.ac.uk");
        Assert.DoesNotContain(document.QuerySelectorAll("#report-and-support a"), a => a.GetAttribute("href")!.StartsWith("http", StringComparison.Ordinal));
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/pledge");
    }

    [Fact]
    public async Task Get_TakeAction_WithReportUrlAndTrainingEmail_UsesThem()
    {
        await using var site = new SiteFactory()
            .With("Campaign:ReportUrl", "https://report.example.ac.uk/")
            .With("Campaign:TrainingEmail", "training@example.ac.uk");
        var client = site.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/take-action");

        AssertLinksTo(document, "#report-and-support", "https://report.example.ac.uk/");
        AssertLinksTo(document, "#report-and-support", "/help");
        AssertLinksTo(document, "#frontline-staff-training", "mailto:training@example.ac.uk");
    }

    [Fact]
    public async Task Get_BystanderTips_ExplainsTheFiveDs()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/take-action/bystander-tips");

        Assert.Equal(["Distract", "Delegate", "Document", "Delay", "Direct"], document.QuerySelectorAll("ol.five-ds h2").Select(h => h.Text()));
        Assert.All(document.QuerySelectorAll("ol.five-ds li"), li => Assert.True(li.QuerySelector("p").Text().Length > 40));
        var text = document.QuerySelector("main").Text();
        Assert.Contains("Right To Be", text, StringComparison.Ordinal);
        Assert.Contains("only if someone is already helping", text, StringComparison.Ordinal);
        Assert.Contains("The Intervention Initiative", text, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/take-action");
    }

    [Fact]
    public async Task Get_Supporters_ShowsTheFourQuotesAndTheSupporterLists()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/supporters");

        var names = document.QuerySelectorAll(".quote-card figcaption strong").Select(s => s.Text()).ToList();
        Assert.Equal(["Professor Edward Byrne AC", "Nadine Almanasfi", "Rachel Williams", "Joe Simpson"], names);
        Assert.All(document.QuerySelectorAll(".quote-card"), card => Assert.True(card.QuerySelector("blockquote").Text().Length > 200));
        Assert.All(document.QuerySelectorAll(".initials"), i => Assert.Equal("true", i.GetAttribute("aria-hidden")));
        Assert.Empty(document.QuerySelectorAll("main img"));
        var text = document.QuerySelector("main").Text();
        Assert.Contains("one of the most exhilarating", text, StringComparison.Ordinal);
        Assert.Contains("Deborah Bull", text, StringComparison.Ordinal);
        Assert.Contains("The Revd Jane Speck", text, StringComparison.Ordinal);
        Assert.Contains("King's Rugby", document.QuerySelector("#societies ~ ul").Text(), StringComparison.Ordinal);
        Assert.Contains("LGBT Society", document.QuerySelector("#societies ~ ul").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("cropped", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Help_ShowsEveryHelplineExactlyAsInTheFactsFile()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/help");

        var text = document.QuerySelector("main").Text();
        string[] numbers = ["999", "101", "0808 500 2222", "116 123", "0808 802 0300", "0800 999 5428", "0345 6000 459", "08 08 16 89 111", "0808 2000 247", "08088 010 818"];
        var links = document.QuerySelectorAll(".help-table a").Select(a => a.Text()).ToList();
        Assert.All(numbers, number => Assert.Contains(number, links));
        Assert.Contains("help@galop.org.uk", links);
        Assert.Contains("nhs.uk/sarcs", links);
        Assert.Contains("survivorsuk.org", links);
        Assert.DoesNotContain("0808 802 9999", document.Body.Text(), StringComparison.Ordinal);
        Assert.Contains("Rape Crisis England & Wales 24/7 Support Line", text, StringComparison.Ordinal);
        Assert.Contains("Sexual Assault Referral Centre", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("https://report.example.ac.uk/", true)]
    public async Task Get_Help_ShowsUniversityReportingOnlyWhenConfigured(string? reportUrl, bool shown)
    {
        await using var site = new SiteFactory().With("Campaign:ReportUrl", reportUrl).With("Campaign:AdviserEmail", shown ? "advice@example.ac.uk" : null);
        var client = site.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/help");

        var hrefs = document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(shown, hrefs.Contains("https://report.example.ac.uk/"));
        Assert.Equal(shown, hrefs.Contains("mailto:advice@example.ac.uk"));
        Assert.Equal(shown, document.QuerySelector("#at-university") is not null);
    }

    private static void AssertLinksTo(IDocument document, string section, string href) =>
        Assert.True(
            document.QuerySelectorAll($"{section} a").Any(a => a.GetAttribute("href") == href),
            $"{section} should link to {href}");

    private static void AssertHeadingsInOrder(IDocument document, string path)
    {
        var previous = 1;
        foreach (var heading in document.QuerySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6"))
        {
            var level = heading.LocalName[1] - '0';
            Assert.True(level <= previous + 1, $"{path}: <{heading.LocalName}> \"{heading.Text()}\" skips a heading level after h{previous}");
            previous = level;
        }
    }
}

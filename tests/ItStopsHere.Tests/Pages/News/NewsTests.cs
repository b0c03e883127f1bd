using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using ItStopsHere.Tests.Content;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Tests.Pages.News;

public class NewsTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private const string HuntingGround = "the-hunting-ground-screening-and-q-and-a";

    private static readonly string[] SeededTitlesNewestFirst =
    [
        "Thank you for visiting us at the Welcome Fair",
        "Help us: take our student survey",
        "Screening of The Hunting Ground and Q&A with director Kirby Dick",
        "Survivors of Sexual Assault panel discussion",
    ];

    [Fact]
    public async Task Get_NewsList_ShowsSeededItemsNewestFirst()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/news");

        Assert.Equal("News and events", document.QuerySelector("h1").Text());
        var titles = document.QuerySelectorAll("#latest-news ~ .news-list .news-list__title a").Select(a => a.Text()).ToList();
        Assert.Equal(SeededTitlesNewestFirst, titles);
        Assert.Contains("Monday 26 September 2016", document.QuerySelector("#latest-news ~ .news-list").Text(), StringComparison.Ordinal);
        Assert.Null(document.QuerySelector(".pagination"));
        Assert.Equal("/news/feed.xml", document.QuerySelector("link[rel=alternate][type='application/atom+xml']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Get_NewsList_WithOnlyPastEvents_SaysThereAreNoUpcomingEvents()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/news");

        var upcoming = document.QuerySelector("section.upcoming")!;
        Assert.Equal("Upcoming events", upcoming.QuerySelector("h2").Text());
        Assert.Empty(upcoming.QuerySelectorAll("li"));
        Assert.Contains("no upcoming events", upcoming.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NewsItem_ShowsTitleDateEventDetailsAndRenderedBody()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync($"/news/{HuntingGround}");

        Assert.Equal("Screening of The Hunting Ground and Q&A with director Kirby Dick", document.QuerySelector("h1").Text());
        Assert.Equal("Screening of The Hunting Ground and Q&A with director Kirby Dick – It Stops Here", document.Title);
        Assert.Equal("article", document.QuerySelector("meta[property='og:type']")?.GetAttribute("content"));
        var eventBox = document.QuerySelector(".event-box")!;
        Assert.Contains("Tuesday 20 October 2015, 18:00 to 21:00", eventBox.Text(), StringComparison.Ordinal);
        Assert.Contains("B5 Lecture Theatre, Franklin-Wilkins Building, Waterloo Campus", eventBox.Text(), StringComparison.Ordinal);
        Assert.Contains("This event has ended.", eventBox.Text(), StringComparison.Ordinal);
        Assert.Equal($"/news/{HuntingGround}.ics", eventBox.QuerySelector("a[download]")?.GetAttribute("href"));
        Assert.Equal("The Hunting Ground", document.QuerySelector(".article-body em").Text());
        Assert.Contains(document.QuerySelectorAll(".article-body a"), a => a.GetAttribute("href") == "/help");
    }

    [Fact]
    public async Task Get_NewsItemThatIsNotAnEvent_HasNoEventDetails()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/news/take-our-student-survey");

        Assert.Null(document.QuerySelector(".event-box"));
        Assert.Contains("Monday 2 November 2015", document.QuerySelector("main").Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/news/no-such-item")]
    [InlineData("/news/no-such-item.ics")]
    [InlineData("/news/take-our-student-survey.ics")]
    public async Task Get_UnknownNewsItemOrCalendar_Returns404Page(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await response.ReadHtmlAsync()).QuerySelector("h1").Text());
    }

    [Fact]
    public async Task Get_EventCalendar_IsAValidICalendarFileForTheEvent()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync($"/news/{HuntingGround}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{HuntingGround}.ics", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var calendarEvent = Assert.Single(calendar.Events);
        Assert.Equal("Screening of The Hunting Ground and Q&A with director Kirby Dick", calendarEvent.Summary);
        Assert.Equal("B5 Lecture Theatre, Franklin-Wilkins Building, Waterloo Campus", calendarEvent.Location);
        // 18:00 to 21:00 in London, during British Summer Time.
        Assert.Equal(new DateTime(2015, 10, 20, 17, 0, 0, DateTimeKind.Utc), calendarEvent.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2015, 10, 20, 20, 0, 0, DateTimeKind.Utc), calendarEvent.DtEnd!.AsUtc);
        Assert.Equal($"http://localhost:5000/news/{HuntingGround}", calendarEvent.Url?.ToString());
        Assert.False(string.IsNullOrEmpty(calendarEvent.Uid));
    }

    [Fact]
    public async Task Get_Feed_IsValidAtomWithThePublishedItems()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/news/feed.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        var document = XDocument.Parse(xml);
        Assert.Equal(XName.Get("feed", "http://www.w3.org/2005/Atom"), document.Root?.Name);

        using var reader = XmlReader.Create(new StringReader(xml));
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal(SeededTitlesNewestFirst, feed.Items.Select(i => i.Title.Text));
        var survey = feed.Items.Single(i => i.Title.Text == "Help us: take our student survey");
        Assert.Equal("http://localhost:5000/news/take-our-student-survey", survey.Links.Single().Uri.ToString());
        Assert.Contains("We're running a short survey", ((TextSyndicationContent)survey.Content).Text, StringComparison.Ordinal);
        var huntingGround = feed.Items.Single(i => i.Id.EndsWith(HuntingGround, StringComparison.Ordinal));
        Assert.Contains("Tuesday 20 October 2015, 18:00 to 21:00", ((TextSyndicationContent)huntingGround.Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsPages_WithManyItems_ArePagedTenAtATime()
    {
        await using var site = new SiteFactory();
        var start = new DateTimeOffset(2021, 1, 1, 9, 0, 0, TimeSpan.Zero);
        await site.AddAsync(Enumerable.Range(1, 12).Select(i => ContentTestData.News($"paged-{i:00}", start.AddDays(i))).ToArray());
        var client = site.CreateBrowserLikeClient();

        var first = await client.GetHtmlAsync("/news");
        var second = await client.GetHtmlAsync("/news?page=2");
        using var third = await client.GetAsync("/news?page=3");
        using var zero = await client.GetAsync("/news?page=0");

        var firstTitles = first.QuerySelectorAll("#latest-news ~ .news-list .news-list__title a").Select(a => a.Text()).ToList();
        Assert.Equal(10, firstTitles.Count);
        Assert.Equal("Test news paged-12", firstTitles[0]);
        Assert.Equal("/news?page=2", first.QuerySelector(".pagination a[rel=next]")?.GetAttribute("href"));
        Assert.Equal("Older news", first.QuerySelector(".pagination a[rel=next]").Text());
        Assert.Null(first.QuerySelector(".pagination a[rel=prev]"));

        var secondTitles = second.QuerySelectorAll("#latest-news ~ .news-list .news-list__title a").Select(a => a.Text()).ToList();
        Assert.Equal(["Test news paged-02", "Test news paged-01", .. SeededTitlesNewestFirst], secondTitles);
        Assert.Equal("/news", second.QuerySelector(".pagination a[rel=prev]")?.GetAttribute("href"));
        Assert.Null(second.QuerySelector(".pagination a[rel=next]"));
        Assert.Null(second.QuerySelector("section.upcoming"));
        Assert.Contains("page 2 of 2", second.Title, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, zero.StatusCode);
    }

    [Fact]
    public async Task UpcomingEvent_IsListedUntilItHasPassed_AndOffersACalendarFile()
    {
        await using var site = new SiteFactory();
        var now = DateTimeOffset.UtcNow;
        await site.AddAsync(
            ContentTestData.Event("future-event", now.AddDays(10), TimeSpan.FromHours(2)),
            ContentTestData.Event("later-event", now.AddDays(20)),
            ContentTestData.Event("finished-event", now.AddDays(-2), TimeSpan.FromHours(2)),
            ContentTestData.Event("happening-now", now.AddHours(-1), TimeSpan.FromHours(3)));
        var client = site.CreateBrowserLikeClient();

        var list = await client.GetHtmlAsync("/news");
        var item = await client.GetHtmlAsync("/news/future-event");

        var upcoming = list.QuerySelectorAll("section.upcoming .news-list__title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/news/happening-now", "/news/future-event", "/news/later-event"], upcoming);
        Assert.Contains("Test Room, Test Campus", list.QuerySelector("section.upcoming").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("This event has ended", item.QuerySelector(".event-box").Text(), StringComparison.Ordinal);
        Assert.Equal("/news/future-event.ics", item.QuerySelector(".event-box a[download]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task UnpublishedItem_IsHiddenEverywhere()
    {
        await using var site = new SiteFactory();
        var draft = ContentTestData.Event("draft-item", DateTimeOffset.UtcNow.AddDays(5));
        draft.IsPublished = false;
        await site.AddAsync(draft);
        var client = site.CreateBrowserLikeClient();

        using var page = await client.GetAsync("/news/draft-item");
        using var calendar = await client.GetAsync("/news/draft-item.ics");
        var list = await client.GetHtmlAsync("/news");
        var feed = await client.GetStringAsync("/news/feed.xml");
        var sitemap = await client.GetStringAsync("/sitemap.xml");
        var home = await client.GetHtmlAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, calendar.StatusCode);
        Assert.DoesNotContain("draft-item", list.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("draft-item", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("draft-item", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("draft-item", home.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsItem_WithScriptInItsBody_RendersWithoutIt()
    {
        await using var site = new SiteFactory();
        var item = ContentTestData.News("hostile");
        item.Body = "Hello <script>alert('x')</script>\n\n[click me](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n## A heading";
        item.ExternalUrl = "javascript:alert(2)";
        await site.AddAsync(item);
        var client = site.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/news/hostile");
        var feed = await client.GetStringAsync("/news/feed.xml");

        var body = document.QuerySelector(".article-body")!;
        Assert.Empty(body.QuerySelectorAll("script, img"));
        Assert.Empty(document.QuerySelectorAll("script:not([src])"));
        Assert.DoesNotContain(document.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        var neutralised = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal("click me", neutralised.Text());
        Assert.False(neutralised.HasAttribute("href"));
        Assert.Equal("A heading", body.QuerySelector("h2").Text());
        Assert.DoesNotContain("javascript:", feed, StringComparison.OrdinalIgnoreCase);
        // In the feed the body is HTML inside XML: a real <script> element would read "&lt;script"; the
        // harmless, escaped text "&lt;script" that Markdown leaves reads "&amp;lt;script".
        Assert.DoesNotContain("&lt;script", feed.Replace("&amp;lt;script", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

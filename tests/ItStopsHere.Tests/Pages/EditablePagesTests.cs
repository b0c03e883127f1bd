using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Content;

namespace ItStopsHere.Tests.Pages;

/// <summary>The pages whose words are stored as versions show, from their first version, exactly what the Razor pages showed.</summary>
public class EditablePagesTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    public static TheoryData<string> Slugs() => new(ContentPageCatalog.All.Select(p => p.Slug));

    [Theory]
    [MemberData(nameof(Slugs))]
    public async Task Get_EditablePage_ShowsTodaysTextExactly_FromItsFirstStoredVersion(string slug)
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/" + slug);

        var main = document.QuerySelector("main")!;
        var history = main.QuerySelector("[data-page-history]");
        Assert.NotNull(history);
        Assert.Contains(history.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/{slug}/history" && a.Text() == "Page history");
        history.Remove();
        // "Checked on …" beside each help line and figure is new (issue 16); everything else is as it was.
        foreach (var checkedOn in main.QuerySelectorAll("[data-checked]").ToList())
        {
            Assert.Equal($"Checked on {PageFacts.Date(FirstFacts.CheckedOn)}", checkedOn.Text());
            checkedOn.Remove();
        }

        var before = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Content", "TodaysPages", slug.Replace('/', '+') + ".txt"))).Trim();
        Assert.Equal(before, main.Text());
        Assert.Equal(1, await factory.WithDbAsync(db => Task.FromResult(db.ContentVersions.Count(v => v.Page.Slug == slug))));
    }

    [Fact]
    public async Task Get_WhatIsSexualHarassment_KeepsItsQuoteFigureAndCallButtons()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/what-is-sexual-harassment");

        var caption = document.QuerySelector("figure.quote figcaption");
        Assert.StartsWith("Adapted from Sue", caption.Text(), StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("figure.quote > blockquote"));
        var calls = document.QuerySelectorAll("ul.call-links a.call-link").ToList();
        Assert.Equal(["tel:999", "tel:101", "tel:08085002222"], calls.Select(a => a.GetAttribute("href")));
        Assert.Equal("Call 999, emergency", calls[0].Text());
        Assert.Null(calls[0].GetAttribute("title"));
        Assert.NotNull(document.QuerySelector("h2#what-the-law-says"));
    }

    [Fact]
    public async Task Get_Supporters_QuotesAreAPhotoFreeListFromTheStoredVersion()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/supporters");

        Assert.Empty(document.QuerySelectorAll("main img"));
        Assert.Equal(["EB", "NA", "RW", "JS"], document.QuerySelectorAll(".quote-card .initials").Select(s => s.Text()));
        Assert.Equal(11, document.QuerySelectorAll("#supporters + .supporter-list li").Length);
        Assert.Equal(9, document.QuerySelectorAll("#societies + .supporter-list li").Length);
    }

    [Theory]
    [InlineData("/consent/history/1")]
    [InlineData("/consent/history")]
    [InlineData("/take-action/history/1")]
    [InlineData("/take-action/bystander-tips/history")]
    [InlineData("/take-action/bystander-tips/history/1")]
    [InlineData("/take-action/bystander-tips/history/compare?from=1&to=1")]
    [InlineData("/supporters/history")]
    public async Task Get_HistoryOfAnEditablePage_Answers(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/news/history")]
    [InlineData("/pledge/history")]
    [InlineData("/policies/no-such-policy/history")]
    [InlineData("/policies/no-such-policy")]
    [InlineData("/consent/history/9")]
    [InlineData("/consent/history/compare?from=1&to=9")]
    public async Task Get_HistoryOfSomethingElse_IsNotFound(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

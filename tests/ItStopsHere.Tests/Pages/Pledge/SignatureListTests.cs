using System.Net;
using System.Text.Json;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Pledge;

/// <summary>The signatures list, the groups partial and the statistics, on 120 signatures of every kind.</summary>
public sealed class SignatureListTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public async Task InitializeAsync()
    {
        var writer = _factory.Writer();
        var start = DateTimeOffset.UtcNow.AddDays(-100);
        await Task.WhenAll(Enumerable.Range(1, 120).Select(i =>
        {
            var (type, name, display) = (i % 10) switch
            {
                3 => (SignatoryType.Society, $"Example Society {Letters(i)}", NameDisplay.FullName),
                6 => (SignatoryType.Team, $"Example Team {Letters(i)}", NameDisplay.FullName),
                9 => (SignatoryType.Department, $"Department of Examples {Letters(i)}", i == 9 ? NameDisplay.Hidden : NameDisplay.FullName),
                _ => (SignatoryType.Individual, $"Person {Letters(i)} Example", NameDisplay.FullName),
            };
            return writer.AddAsync(PledgeTestData.Signature($"list{i}@example.ac.uk", name, type, display: display, signedAt: start.AddDays(i * 0.8)), CancellationToken.None);
        }));
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Get_Signatures_PagesNewestFirstByNumber()
    {
        var client = _factory.CreateBrowserLikeClient();
        var numbers = (await _factory.SignaturesAsync()).Select(s => s.Number!.Value).OrderDescending().ToList();

        var first = await client.GetHtmlAsync("/pledge/signatures");
        var firstNumbers = Numbers(first);
        Assert.Equal(numbers.Take(50), firstNumbers);
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal($"/pledge/signatures?before={firstNumbers[^1]}", next);

        var second = await client.GetHtmlAsync(next);
        Assert.Equal(numbers.Skip(50).Take(50), Numbers(second));
        var third = await client.GetHtmlAsync(second.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(numbers.Skip(100), Numbers(third));
        Assert.Null(third.QuerySelector("a[rel=next]"));

        var back = await client.GetHtmlAsync(third.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(numbers.Skip(50).Take(50), Numbers(back));
    }

    [Fact]
    public async Task Get_Signatures_FilteredByType_ShowsOnlyThatType()
    {
        var client = _factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/pledge/signatures?type=society");

        var rows = document.QuerySelectorAll("tbody tr");
        Assert.Equal(12, rows.Length);
        Assert.All(rows, r => Assert.Contains("Society", r.Text(), StringComparison.Ordinal));
        Assert.Equal("society", document.QuerySelector("select#type option[selected]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("/pledge/signatures?type=robots")]
    [InlineData("/pledge/signatures?before=abc")]
    [InlineData("/pledge/signatures?before=-5&after=%00")]
    public async Task Get_Signatures_WithNonsenseQuery_ShowsEveryoneInsteadOfFailing(string path)
    {
        var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(50, (await response.ReadHtmlAsync()).QuerySelectorAll("tbody tr").Length);
    }

    [Theory]
    [InlineData("/pledge/signatures")]
    [InlineData("/supporters")]
    public async Task Get_Page_ListsNamedGroupsThatSignedButNotThoseThatChoseNotToBeShown(string path)
    {
        var client = _factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync(path);

        var groups = document.QuerySelector(".supporting-groups")!;
        var headings = groups.QuerySelectorAll("h3").Select(h => h.Text()).ToList();
        Assert.Equal(["Teams", "Societies", "Departments"], headings);
        var names = groups.QuerySelectorAll("li").Select(li => li.Text()).ToList();
        Assert.Equal(12 + 12 + 11, names.Count);
        Assert.Contains("Example Society " + Letters(3), names);
        Assert.DoesNotContain("Department of Examples " + Letters(9), names);
        Assert.DoesNotContain(names, n => n.StartsWith("Person", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_Stats_MatchesTheDatabaseAndIsCacheable()
    {
        var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/pledge/stats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
        var stats = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var rows = await _factory.WithDbAsync(db => db.Signatures.Where(s => s.Status == SignatureStatus.Published).ToListAsync());
        Assert.Equal(rows.Count, stats.GetProperty("count").GetInt64());
        Assert.Equal(2000, stats.GetProperty("goal").GetInt32());
        Assert.Equal(rows.Count(r => r.SignatoryType == SignatoryType.Individual), stats.GetProperty("byType").GetProperty("individual").GetInt64());
        Assert.Equal(rows.Count(r => r.SignatoryType == SignatoryType.Society), stats.GetProperty("byType").GetProperty("society").GetInt64());
        Assert.Equal(rows.Count(r => r.SignatoryType == SignatoryType.Team), stats.GetProperty("byType").GetProperty("team").GetInt64());
        Assert.Equal(rows.Count(r => r.SignatoryType == SignatoryType.Department), stats.GetProperty("byType").GetProperty("department").GetInt64());
        Assert.Equal(rows.Count(r => r.Actions.HasFlag(PledgeActions.TalkAboutIt)), stats.GetProperty("byAction").GetProperty("talkAboutIt").GetInt64());
        Assert.Equal(0, stats.GetProperty("byAction").GetProperty("frontlineTraining").GetInt64());
        Assert.True(stats.GetProperty("updatedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Get_Pledge_ShowsChartWithTableWhoseTotalIsTheCount()
    {
        var client = _factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/pledge");

        var svg = document.QuerySelector(".signature-chart svg[role=img]");
        Assert.NotNull(svg);
        Assert.NotNull(svg.QuerySelector("title"));
        Assert.NotNull(svg.QuerySelector("polyline"));
        var rows = document.QuerySelectorAll(".signature-chart table tbody tr");
        Assert.InRange(rows.Length, 3, 5); // about 96 days: by month
        Assert.Equal("120", rows[^1].QuerySelectorAll("td")[^1].Text());
        Assert.Equal(120, rows.Sum(r => int.Parse(r.QuerySelectorAll("td")[0].Text(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static List<long> Numbers(AngleSharp.Html.Dom.IHtmlDocument document) =>
        document.QuerySelectorAll("tbody tr").Select(r => long.Parse(r.GetAttribute("data-number")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>A name part from a number, since names cannot contain digits.</summary>
    private static string Letters(int i) => new(i.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('a' + (c - '0'))).ToArray());
}

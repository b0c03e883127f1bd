using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Moderation;

namespace ItStopsHere.Tests.Pages.Admin.Moderation;

public sealed class OfflinePledgeTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static string Yesterday => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Add_CountsInThePublicTotal_ThePledgePageSaysHowMany_AndLiveCountersFollow()
    {
        await _factory.AddSignatureAsync("online@example.ac.uk");
        using var live = await LiveEvents.OpenAsync(_factory.CreateClient());
        await live.NextOfTypeAsync("count");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        using var response = await moderator.SubmitFormAsync("/admin/moderation/offline", new Dictionary<string, string?>
        {
            ["Input.Count"] = "40",
            ["Input.CollectedOn"] = Yesterday,
            ["Input.Location"] = "Freshers' fair, Strand",
            ["Input.Note"] = "Paper forms in the KCLSU office",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await live.NextCountAsync(41);
        var stats = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/pledge/stats")).RootElement;
        Assert.Equal(41, stats.GetProperty("count").GetInt64());
        Assert.Equal(40, stats.GetProperty("offline").GetInt64());
        var pledge = await _factory.CreateBrowserLikeClient().GetHtmlAsync("/pledge");
        Assert.Equal("41", pledge.QuerySelector("[data-pledge-count]").Text());
        Assert.Contains("40 pledges collected on paper", pledge.QuerySelector("[data-pledge-offline]").Text(), StringComparison.Ordinal);
        var entry = Assert.Single(await _factory.AuditOfActionAsync(AuditActions.OfflinePledgesAdded));
        Assert.Contains("40 collected", entry.Details, StringComparison.Ordinal);
        Assert.Equal("1", _factory.Feed().Current.Count.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Delete_TakesTheBatchOffTheTotal_AndIsAudited()
    {
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);
        using (await moderator.SubmitFormAsync("/admin/moderation/offline", new Dictionary<string, string?>
        {
            ["Input.Count"] = "12", ["Input.CollectedOn"] = Yesterday, ["Input.Location"] = "Guy's Campus stall",
        })) { }
        Assert.Equal(12, _factory.Feed().Current.Total);

        var page = await moderator.GetHtmlAsync("/admin/moderation/offline");
        Assert.Contains("Guy's Campus stall", page.QuerySelector("[data-offline-batch]").Text(), StringComparison.Ordinal);
        var form = (IHtmlFormElement)page.QuerySelector("[data-offline-batch] form")!;
        using var response = await moderator.SubmitAsync(form, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, _factory.Feed().Current.Total);
        Assert.Single(await _factory.AuditOfActionAsync(AuditActions.OfflinePledgesDeleted));
        Assert.NotNull((await moderator.GetHtmlAsync("/admin/moderation/offline")).QuerySelector("[data-offline-empty]"));
    }

    [Fact]
    public async Task Add_Invalid_Returns400WithErrors_AndAddsNothing()
    {
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        using var response = await moderator.SubmitFormAsync("/admin/moderation/offline", new Dictionary<string, string?>
        {
            ["Input.Count"] = "-3", ["Input.CollectedOn"] = "2999-01-01", ["Input.Location"] = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.NotNull(page.QuerySelector("#Input_Count-error"));
        Assert.Contains("future", page.QuerySelector("#Input_CollectedOn-error").Text(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#Input_Location-error"));
        Assert.Equal(0, _factory.Feed().Current.Total);
    }

    [Fact]
    public async Task Total_SurvivesARestart()
    {
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);
        using (await moderator.SubmitFormAsync("/admin/moderation/offline", new Dictionary<string, string?>
        {
            ["Input.Count"] = "7", ["Input.CollectedOn"] = Yesterday, ["Input.Location"] = "Waterloo stall",
        })) { }

        await using var again = SiteFactory.OnDatabase(_factory.DatabasePath);
        _ = again.CreateClient();

        Assert.Equal(7, again.Feed().Current.Offline);
    }
}

public sealed class DashboardTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Dashboard_ShowsTotalsBreakdownsQueueAndBusiestNetworks_WithoutAddresses()
    {
        for (var i = 0; i < 4; i++)
        {
            await _factory.AddSignatureAsync($"wave.{i}@example.ac.uk", "Wave Example", clientHash: "BOTWAVE1xyzxyzxyzxyz");
        }

        await _factory.AddSignatureAsync("team@example.ac.uk", "Library Team", type: SignatoryType.Team, clientHash: "QUIETNETabcabcabc");
        await _factory.AddSignatureAsync("held@example.ac.uk", "Held Example", SignatureStatus.Held, clientHash: "QUIETNETabcabcabc");
        await _factory.AddSignatureAsync("old@example.ac.uk", "Old Example", signedAt: DateTimeOffset.UtcNow.AddDays(-10), clientHash: "OLDNETWKabcabc");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        var page = await moderator.GetHtmlAsync("/admin");

        string Figure(string name) => page.QuerySelector($"[data-figure={name}] .dashboard__number").Text();
        Assert.Equal("6", Figure("total"));
        Assert.Equal("5", Figure("today"));
        Assert.Equal("5", Figure("week"));
        Assert.Equal("6", Figure("month"));
        Assert.Equal("1", Figure("held"));
        var byType = page.QuerySelectorAll("[data-breakdown=type] tr").ToDictionary(r => r.QuerySelector("th").Text(), r => r.QuerySelector("td").Text());
        Assert.Equal("5", byType["Individual"]);
        Assert.Equal("1", byType["Team"]);
        Assert.Equal("0", byType["Society"]);
        var networks = page.QuerySelectorAll("[data-top-networks] tbody tr").Select(r => r.Text()).ToList();
        Assert.StartsWith("BOTWAVE1", networks[0], StringComparison.Ordinal);
        Assert.Contains("4", networks[0], StringComparison.Ordinal);
        Assert.DoesNotContain(networks, n => n.Contains("OLDNETWK", StringComparison.Ordinal));
        Assert.DoesNotContain("BOTWAVE1xyz", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("svg.dashboard__svg[role=img]"));
        Assert.Equal(30, page.QuerySelectorAll("svg.dashboard__svg rect").Length);
        Assert.Equal(30, page.QuerySelectorAll(".signature-chart__table tbody tr").Length);
        Assert.NotNull(page.QuerySelector("a[href='/admin/moderation']"));
        Assert.NotNull(page.QuerySelector("a[href='/account/changepassword'], a[href='/Account/ChangePassword']") ?? page.QuerySelector("a[href*=assword]"));
    }
}

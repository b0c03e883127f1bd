using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Tests.Pages.Admin.Settings;

/// <summary>
/// Campaign settings: saved at /admin/settings, seen by every page that reads them on the next request,
/// put back to the configured default on request. Each test has its own site, since settings are global.
/// </summary>
public class CampaignSettingsTests
{
    private const string ConfiguredReportUrl = "https://report.example.ac.uk/start";
    private const string ConfiguredContactEmail = "configured.team@example.ac.uk";

    /// <summary>A site configured with a reporting link and a contact address, as an institution would set them.</summary>
    private static SiteFactory NewSite() => new SiteFactory()
        .With("Campaign:ReportUrl", ConfiguredReportUrl)
        .With("Campaign:ContactEmail", ConfiguredContactEmail);

    private static async Task<(HttpClient Client, TestUser Admin)> AdminAsync(SiteFactory site)
    {
        var admin = await site.CreateUserAsync(StaffRoles.Admin);
        return (await site.SignedInClientAsync(admin), admin);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, Dictionary<string, string?> values) =>
        await client.PressAsync(await client.GetHtmlAsync("/admin/settings"), "Save settings", values);

    private static async Task<HttpResponseMessage> ResetAsync(HttpClient client, string key)
    {
        var page = await client.GetHtmlAsync("/admin/settings");
        var scope = page.QuerySelector($"[data-setting='{key}']") ?? page.QuerySelector($"[data-statistic='{key.Split(':').Last()}']");
        return await client.PressAsync(page, "Reset to default", within: scope);
    }

    private static string MainHtml(IHtmlDocument page) => page.QuerySelector("main")!.InnerHtml;

    [Fact]
    public async Task Get_ShowsEachSettingWithItsValueAndDefault()
    {
        await using var site = NewSite();
        var (client, _) = await AdminAsync(site);

        var page = await client.GetHtmlAsync("/admin/settings");

        Assert.Equal("Campaign settings", page.QuerySelector("h1").Text());
        Assert.Equal(ConfiguredReportUrl, ((IHtmlInputElement)page.QuerySelector("#Input_ReportUrl")!).Value);
        Assert.Equal(ConfiguredContactEmail, ((IHtmlInputElement)page.QuerySelector("#Input_ContactEmail")!).Value);
        Assert.Equal("https://www.bbc.co.uk/weather", ((IHtmlInputElement)page.QuerySelector("#Input_QuickExitUrl")!).Value);
        Assert.Equal("not set", page.QuerySelector("[data-setting='Campaign:AdviserEmail'] [data-default]").Text());
        // The impact figures are edited with their page now (issue 16), not here.
        Assert.Empty(page.QuerySelectorAll("[data-statistic]"));
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/admin/impact-figures");
        Assert.Empty(page.QuerySelectorAll("[data-changed]"));
        // The labels and hints belong to their inputs.
        Assert.NotNull(page.QuerySelector("label[for='Input_QuickExitUrl']"));
        Assert.Equal("Input_QuickExitUrl-hint", page.QuerySelector("#Input_QuickExitUrl")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task Save_EveryPageShowsTheNewValues_OnTheNextRequest_AndEachChangeIsAudited()
    {
        await using var site = NewSite();
        var (client, admin) = await AdminAsync(site);
        var visitor = site.CreateBrowserLikeClient();
        // Pages seen before the change, so any cached copy would show.
        Assert.Contains(ConfiguredReportUrl, MainHtml(await visitor.GetHtmlAsync("/help")), StringComparison.Ordinal);

        using var response = await SaveAsync(client, new()
        {
            ["Input.ReportUrl"] = "https://new-report.example.ac.uk/",
            ["Input.AdviserEmail"] = "advisers@example.ac.uk",
            ["Input.TrainingEmail"] = "training@example.ac.uk",
            ["Input.ContactEmail"] = "new.team@example.ac.uk",
            ["Input.QuickExitUrl"] = "https://www.example.com/weather",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("5 settings changed", (await client.GetHtmlAsync("/admin/settings")).QuerySelector("[role=status]").Text(), StringComparison.Ordinal);

        var help = await visitor.GetHtmlAsync("/help");
        Assert.NotNull(help.QuerySelector("main a[href='https://new-report.example.ac.uk/']"));
        Assert.NotNull(help.QuerySelector("main a[href='mailto:advisers@example.ac.uk']"));
        Assert.DoesNotContain(ConfiguredReportUrl, MainHtml(help), StringComparison.Ordinal);
        Assert.Equal("https://www.example.com/weather", help.QuerySelector("[data-quick-exit]")!.GetAttribute("href"));
        var contact = await visitor.GetHtmlAsync("/contact");
        Assert.NotNull(contact.QuerySelector("main a[href='mailto:new.team@example.ac.uk']"));
        Assert.NotNull(contact.QuerySelector("main a[href='https://new-report.example.ac.uk/']"));
        var takeAction = await visitor.GetHtmlAsync("/take-action");
        Assert.NotNull(takeAction.QuerySelector("main a[href='mailto:training@example.ac.uk']"));
        Assert.NotNull(takeAction.QuerySelector("main a[href='https://new-report.example.ac.uk/']"));
        foreach (var path in new[] { "/privacy", "/accessibility" })
        {
            var page = await visitor.GetHtmlAsync(path);
            Assert.NotNull(page.QuerySelector("main a[href='mailto:new.team@example.ac.uk']"));
            Assert.DoesNotContain(ConfiguredContactEmail, MainHtml(page), StringComparison.Ordinal);
        }

        Assert.Equal("https://www.example.com/weather", (await visitor.GetHtmlAsync("/")).QuerySelector("[data-quick-exit]")!.GetAttribute("href"));

        var entries = (await site.AllAuditAsync()).Where(e => e.Action == AuditActions.SettingChanged).ToList();
        Assert.Equal(5, entries.Count);
        Assert.All(entries, e => Assert.Equal((admin.Id, "Setting"), (e.ActorId, e.RecordType)));
        var report = entries.Single(e => e.RecordId == "Campaign:ReportUrl");
        Assert.Equal($"University reporting tool (web address): “{ConfiguredReportUrl}” → “https://new-report.example.ac.uk/”", report.Details);
        Assert.Equal("Harassment advisers' email address: (empty) → “advisers@example.ac.uk”", entries.Single(e => e.RecordId == "Campaign:AdviserEmail").Details);
    }

    [Fact]
    public async Task Reset_RestoresTheConfiguredDefault_AndIsAudited()
    {
        await using var site = NewSite();
        var (client, admin) = await AdminAsync(site);
        using (var saved = await SaveAsync(client, new() { ["Input.ContactEmail"] = "new.team@example.ac.uk", ["Input.ReportUrl"] = "https://new-report.example.ac.uk/" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var settings = await client.GetHtmlAsync("/admin/settings");
        Assert.NotNull(settings.QuerySelector("[data-setting='Campaign:ContactEmail'] [data-changed]"));
        Assert.Equal(ConfiguredContactEmail, settings.QuerySelector("[data-setting='Campaign:ContactEmail'] [data-default]").Text());

        using var reset = await ResetAsync(client, "Campaign:ContactEmail");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        settings = await client.GetHtmlAsync("/admin/settings");
        Assert.Contains("is back to its default", settings.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        Assert.Equal(ConfiguredContactEmail, ((IHtmlInputElement)settings.QuerySelector("#Input_ContactEmail")!).Value);
        Assert.Null(settings.QuerySelector("[data-setting='Campaign:ContactEmail'] [data-changed]"));
        var contact = await site.CreateBrowserLikeClient().GetHtmlAsync("/contact");
        Assert.NotNull(contact.QuerySelector($"main a[href='mailto:{ConfiguredContactEmail}']"));
        // The other change stays.
        Assert.NotNull(contact.QuerySelector("main a[href='https://new-report.example.ac.uk/']"));
        Assert.Equal(1, await site.WithDbAsync(db => db.CampaignSettings.CountAsync()));
        var entry = (await site.AllAuditAsync()).Last();
        Assert.Equal((AuditActions.SettingReset, "Campaign:ContactEmail", admin.Id), (entry.Action, entry.RecordId, entry.ActorId));
        Assert.Equal($"Campaign team's email address: “new.team@example.ac.uk” → “{ConfiguredContactEmail}” (the default)", entry.Details);
    }

    [Fact]
    public async Task SavingTheDefaultValue_StoresNothing_SoTheSettingFollowsTheConfigurationAgain()
    {
        await using var site = NewSite();
        var (client, _) = await AdminAsync(site);
        using (var changed = await SaveAsync(client, new() { ["Input.ContactEmail"] = "new.team@example.ac.uk" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using var back = await SaveAsync(client, new() { ["Input.ContactEmail"] = ConfiguredContactEmail });

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.CampaignSettings.CountAsync()));
        Assert.EndsWith("(the default)", (await site.AllAuditAsync()).Last().Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyingAnOptionalLink_HidesItOnTheSite()
    {
        await using var site = NewSite();
        var (client, _) = await AdminAsync(site);

        using var response = await SaveAsync(client, new() { ["Input.ReportUrl"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var help = await site.CreateBrowserLikeClient().GetHtmlAsync("/help");
        Assert.DoesNotContain(ConfiguredReportUrl, MainHtml(help), StringComparison.Ordinal);
        Assert.Null(help.QuerySelector("#at-university"));
    }

    [Fact]
    public async Task Statistics_AreNoLongerSettings_APostedFigureChangesNothing()
    {
        await using var site = NewSite();
        var (client, _) = await AdminAsync(site);

        using var response = await SaveAsync(client, new()
        {
            ["Input.Statistics[0].Figure"] = "51%",
            ["Input.Statistics[3].Figure"] = "",
            ["Input.Statistics[3].Statement"] = "",
            ["Input.Statistics[3].Source"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var impact = await site.CreateBrowserLikeClient().GetHtmlAsync("/impact");
        Assert.Equal(["49%", "60%", "67%", "25%"], impact.QuerySelectorAll(".stat__figure").Select(f => f.Text()).ToList());
        Assert.DoesNotContain(await site.WithDbAsync(db => db.CampaignSettings.Select(s => s.Key).ToListAsync()), k => k.StartsWith("Campaign:Statistics", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> InvalidValues() => new()
    {
        { "Input.QuickExitUrl", "http://www.bbc.co.uk/weather", "Enter the quick exit's full web address, starting with https://, like https://www.bbc.co.uk/weather" },
        { "Input.QuickExitUrl", "www.bbc.co.uk", "Enter the quick exit's full web address, starting with https://, like https://www.bbc.co.uk/weather" },
        { "Input.QuickExitUrl", "", "Enter the quick exit's web address" },
        { "Input.ReportUrl", "javascript:alert(1)", "Enter the reporting tool's full web address, starting with https://, or leave it empty" },
        { "Input.ContactEmail", "", "Enter the campaign team's email address" },
        { "Input.ContactEmail", "Team <team@example.ac.uk>", "Enter the campaign team's email address in the right format, like itstopshere@example.ac.uk" },
        { "Input.AdviserEmail", "not an address", "Enter the harassment advisers' email address in the right format, like advice@example.ac.uk, or leave it empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Save_Invalid_Returns400WithTheError_AndChangesNothing(string field, string value, string message)
    {
        await using var site = NewSite();
        var (client, _) = await AdminAsync(site);

        using var response = await SaveAsync(client, new() { [field] = value, ["Input.TrainingEmail"] = "training@example.ac.uk" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        var id = field.Replace('.', '_');
        Assert.Equal(message, document.QuerySelector($".error-summary a[href='#{id}']").Text());
        Assert.Equal("true", document.QuerySelector($"[id='{id}']")!.GetAttribute("aria-invalid"));
        Assert.Equal(value, ((IHtmlInputElement)document.QuerySelector($"[id='{id}']")!).Value);
        Assert.Equal(0, await site.WithDbAsync(db => db.CampaignSettings.CountAsync()));
        Assert.DoesNotContain(await site.AllAuditAsync(), e => e.Action == AuditActions.SettingChanged);
    }

    [Fact]
    public async Task SavedSettings_SurviveARestart_AndUnchangedOnesFollowANewConfiguration()
    {
        var path = SiteFactory.NewDatabasePath();
        try
        {
            await using (var first = SiteFactory.OnDatabase(path).With("Campaign:ContactEmail", ConfiguredContactEmail))
            {
                var (client, _) = await AdminAsync(first);
                using var saved = await SaveAsync(client, new() { ["Input.ContactEmail"] = "new.team@example.ac.uk" });
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            }

            await using var second = SiteFactory.OnDatabase(path)
                .With("Campaign:ContactEmail", "another.configured@example.ac.uk")
                .With("Campaign:AdviserEmail", "configured.advisers@example.ac.uk");
            var visitor = second.CreateBrowserLikeClient();

            Assert.NotNull((await visitor.GetHtmlAsync("/contact")).QuerySelector("main a[href='mailto:new.team@example.ac.uk']"));
            Assert.NotNull((await visitor.GetHtmlAsync("/help")).QuerySelector("main a[href='mailto:configured.advisers@example.ac.uk']"));
        }
        finally
        {
            SiteFactory.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task PageViews_DoNotReadSettingsFromTheDatabase()
    {
        var commands = new CommandRecorder();
        await using var site = NewSite().WithServices(services =>
            services.ConfigureDbContext<AppDbContext>((_, options) => options.AddInterceptors(commands)));
        var (client, _) = await AdminAsync(site);
        using (var saved = await SaveAsync(client, new() { ["Input.ContactEmail"] = "new.team@example.ac.uk" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        commands.Clear();
        var visitor = site.CreateBrowserLikeClient();
        foreach (var path in new[] { "/", "/help", "/contact", "/take-action", "/impact", "/privacy", "/contact" })
        {
            Assert.NotNull(await visitor.GetHtmlAsync(path));
        }

        Assert.Contains("new.team@example.ac.uk", MainHtml(await visitor.GetHtmlAsync("/contact")), StringComparison.Ordinal);
        Assert.DoesNotContain(commands.Texts, text => text.Contains("CampaignSettings", StringComparison.Ordinal));
        Assert.NotEmpty(commands.Texts); // the recorder works: the home page reads news
    }

    [Fact]
    public async Task Emails_UseTheSavedContactAddress()
    {
        await using var site = NewSite();
        var (client, _) = await AdminAsync(site);

        using var response = await SaveAsync(client, new() { ["Input.ContactEmail"] = "new.team@example.ac.uk" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var siteUrl = site.Services.GetRequiredService<IOptions<CampaignOptions>>().Value.SiteUrl.TrimEnd('/');
        var content = site.Services.GetRequiredService<EmailTemplates>()
            .ThankYou(new ThankYouEmail("A student", 1, [], $"{siteUrl}/pledge/manage?token=x"));
        Assert.Contains("write to new.team@example.ac.uk", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfiguredContactEmail, content.Text, StringComparison.Ordinal);
        Assert.Equal("new.team@example.ac.uk", site.Services.GetRequiredService<SenderIdentitySource>().Current.ReplyTo.Address);
        // Both ways of reading the options agree.
        Assert.Equal("new.team@example.ac.uk", site.Services.GetRequiredService<IOptions<CampaignOptions>>().Value.ContactEmail);
        Assert.Equal("new.team@example.ac.uk", site.Services.GetRequiredService<IOptionsMonitor<CampaignOptions>>().CurrentValue.ContactEmail);
    }

    [Fact]
    public async Task Reset_WithAnUnknownKey_IsRefused()
    {
        await using var site = NewSite();
        var (client, _) = await AdminAsync(site);
        var page = await client.GetHtmlAsync("/admin/settings");
        var form = (IHtmlFormElement)page.GetElementById("reset-settings")!;

        using var response = await client.SubmitAsync(form, new Dictionary<string, string?> { ["key"] = "Campaign:SiteUrl" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Moderator_CannotChangeSettings()
    {
        await using var site = NewSite();
        var moderator = await site.SignedInClientAsync(await site.CreateUserAsync(StaffRoles.Moderator));

        using var save = await moderator.PostAsync("/admin/settings", new FormUrlEncodedContent([new("Input.ContactEmail", "moderator@example.ac.uk")]));
        using var reset = await moderator.PostAsync("/admin/settings?handler=Reset", new FormUrlEncodedContent([new("key", "Campaign:ContactEmail")]));

        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.CampaignSettings.CountAsync()));
    }

    /// <summary>Records the SQL the app runs.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public IReadOnlyCollection<string> Texts => _texts.ToArray();

        public void Clear() => _texts.Clear();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _texts.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}

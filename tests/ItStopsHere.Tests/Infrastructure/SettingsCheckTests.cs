using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Moderation;
using ItStopsHere.Web.Operations;
using ItStopsHere.Web.Privacy;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Infrastructure;

/// <summary>
/// Every options class is checked once, at start-up (<see cref="SettingsCheck"/>): a value out of its range
/// stops the real app before it touches the database, exit 78, with a message naming the key and the
/// allowed range (never clamped to something else, never found later in a request). With nothing
/// configured, every setting has the default it always had.
/// </summary>
public class SettingsCheckTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Database:BusyTimeoutMs", "0", "Database:BusyTimeoutMs must be between 1 and 600,000.")]
    [InlineData("Pledge:FeedSize", "5", "Pledge:FeedSize must be between 10 and 1,000.")]
    [InlineData("Accounts:FailedSignInMinimumMilliseconds", "-1", "Accounts:FailedSignInMinimumMilliseconds must be between 0 and 10,000.")]
    public async Task OneBadValue_StopsTheStart_NamingTheKeyAndRange(string key, string value, string message)
    {
        var (exitCode, error, databaseCreated) = await StartAsync(new() { [key] = value });
        Assert.Equal(ProductionReadiness.ExitCode, exitCode);
        Assert.Contains("It Stops Here will not start: 1 setting(s) must be fixed first.", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(databaseCreated, "The refused app created its database.");
    }

    [Fact]
    public async Task SeveralBadValues_StopTheStart_ListingEveryOne()
    {
        var (exitCode, error, databaseCreated) = await StartAsync(new()
        {
            ["Pledge:UnconfirmedExpiryDays"] = "0",
            ["Pledge:RateLimit:Burst"] = "0",
            ["Pledge:Writer:MaxBatchSize"] = "0",
            ["Pledge:MinimumFillTime"] = "02:00:00",
            ["Pledge:Moderation:BurstMinutes"] = "0",
            ["Accounts:IdleTimeoutMinutes"] = "0",
            ["Accounts:SignInRateLimit:PerHour"] = "0",
            ["Site:PublicPageCacheSeconds"] = "-1",
            ["Metrics:Port"] = "70000",
            ["Privacy:IpHashRetentionDays"] = "0",
            ["Campaign:ClosesOn"] = "30/06/2027",
        });

        Assert.Equal(ProductionReadiness.ExitCode, exitCode);
        Assert.Contains("It Stops Here will not start: 11 setting(s) must be fixed first.", error, StringComparison.Ordinal);
        string[] messages =
        [
            "Pledge:UnconfirmedExpiryDays must be between 1 and 365.",
            "Pledge:RateLimit:Burst must be between 1 and 1,000,000,000.",
            "Pledge:Writer:MaxBatchSize must be between 1 and 100,000.",
            "Pledge:MinimumFillTime must be between 00:00:00 and 01:00:00.",
            "Pledge:Moderation:BurstMinutes must be between 1 and 1,440.",
            "Accounts:IdleTimeoutMinutes must be between 1 and 1,440.",
            "Accounts:SignInRateLimit:PerHour must be between 1 and 1,000,000,000.",
            "Site:PublicPageCacheSeconds must be between 0 and 3,600.",
            "Metrics:Port must be between 1 and 65535. Leave it empty for no metrics.",
            "Privacy:IpHashRetentionDays must be between 1 and 3,650.",
            "Campaign:ClosesOn must be a date written yyyy-MM-dd",
        ];
        foreach (var message in messages)
        {
            Assert.Contains(message, error, StringComparison.Ordinal);
        }

        Assert.False(databaseCreated, "The refused app created its database.");
    }

    [Fact]
    public async Task NothingConfigured_EverySettingHasItsOldDefault()
    {
        await using var site = new SiteFactory();
        var services = site.Services;
        T Options<T>() where T : class => services.GetRequiredService<IOptions<T>>().Value;

        var database = Options<DatabaseOptions>();
        Assert.Equal(5000, database.BusyTimeoutMs);
        Assert.True(database.MigrateOnStartup);

        var accounts = Options<AccountOptions>();
        Assert.Equal(30, accounts.IdleTimeoutMinutes);
        Assert.Equal(250, accounts.FailedSignInMinimumMilliseconds);
        // The test factory sets the sign-in limits and the page cache for every test; appsettings.json sets
        // neither, so their defaults are the options classes' own.
        Assert.Equal((10, 30), (new AccountOptions().SignInRateLimit.Burst, new AccountOptions().SignInRateLimit.PerHour));
        Assert.Equal(2.0, new SiteOptions().PublicPageCacheSeconds);
        var shipped = File.ReadAllText(Path.Combine(WebProject(), "appsettings.json"));
        Assert.DoesNotContain("SignInRateLimit", shipped, StringComparison.Ordinal);
        Assert.DoesNotContain("PublicPageCacheSeconds", shipped, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(30), services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan);
        Assert.Equal(TimeSpan.FromMilliseconds(250), services.GetRequiredService<SignInThrottle>().MinimumFailureTime);

        var pledge = Options<PledgeOptions>();
        Assert.Equal(2000, pledge.Goal);
        Assert.Equal(TimeSpan.FromSeconds(2), pledge.MinimumFillTime);
        Assert.Equal(TimeSpan.FromHours(12), pledge.FormLifetime);
        Assert.Equal(50, pledge.FeedSize);
        Assert.Equal(50, services.GetRequiredService<PledgeFeed>().FeedSize);
        Assert.Equal(7, pledge.UnconfirmedExpiryDays);
        Assert.False(pledge.RequireEmailConfirmation);
        Assert.Equal(3, pledge.RepeatEmailsPerDay);
        Assert.Equal(3, pledge.MaxConfirmationResends);
        Assert.Equal((60, 60, 1000), (pledge.RateLimit.Burst, pledge.RateLimit.PerMinute, pledge.RateLimit.PerHour));
        Assert.Equal((10_000, 1000), (pledge.Writer.QueueCapacity, pledge.Writer.MaxBatchSize));
        Assert.Equal(TimeSpan.FromSeconds(20), pledge.Live.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), pledge.Live.MinBroadcastInterval);
        Assert.Equal((256, 1024, 20, 500), (pledge.Live.ClientBufferSize, pledge.Live.ReplayBufferSize, pledge.Live.MaxSignaturesPerBroadcast, pledge.Live.MaxConnectionsPerClient));
        Assert.Null(pledge.Live.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(30), pledge.Live.RefusedRetryAfter);

        var moderation = Options<ModerationOptions>();
        Assert.Equal((100, 10), (moderation.BurstLimit, moderation.BurstMinutes));
        var settings = services.GetRequiredService<PledgeSettingsStore>().Defaults;
        Assert.Equal((100, 10, 2000), (settings.BurstLimit, settings.BurstMinutes, settings.Goal));

        // The privacy notice quotes the pledge's own numbers: one default, in PledgeOptions.
        var privacy = Options<PrivacyOptions>();
        Assert.Equal(7, privacy.UnconfirmedExpiryDays);
        Assert.False(privacy.RequireEmailConfirmation);
        Assert.Equal((30, 30, 7, 30, 14), (privacy.IpHashRetentionDays, privacy.SignerEmailRetentionAfterCampaignCloseDays, privacy.SentEmailRetentionDays, privacy.FailedEmailRetentionDays, privacy.ServerLogRetentionDays));
        Assert.Null(privacy.CampaignClosesOn);

        var retention = Options<RetentionOptions>();
        Assert.Equal((TimeSpan.FromDays(1), TimeSpan.FromMinutes(5)), (retention.Interval, retention.FirstRunDelay));
        Assert.Equal(14, Options<BackupOptions>().Keep);
        Assert.Null(Options<BackupOptions>().Interval);
        Assert.Equal(TimeSpan.FromMinutes(15), Options<HealthOptions>().OutboxStuckAfter);
        Assert.Null(Options<MetricsOptions>().ListenPort);
        Assert.Equal("127.0.0.1", Options<MetricsOptions>().ListenHost);
    }

    private static string WebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ItStopsHere.sln")))
            {
                return Path.Combine(dir.FullName, "src", "ItStopsHere.Web");
            }
        }

        throw new DirectoryNotFoundException("ItStopsHere.sln not found above " + AppContext.BaseDirectory);
    }

    private async Task<(int ExitCode, string Error, bool DatabaseCreated)> StartAsync(Dictionary<string, string> settings)
    {
        var databasePath = SiteFactory.NewDatabasePath();
        try
        {
            var (exitCode, stdout, stderr) = await ChildApp.RunAsync(databasePath, settings, []);
            output.WriteLine(stdout);
            output.WriteLine(stderr);
            return (exitCode, stderr, File.Exists(databasePath));
        }
        finally
        {
            File.Delete(databasePath);
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Commands;

/// <summary>
/// <c>copy-to</c> (issue 14, "Running it"): a SQLite site, filled through the app's own services and pages,
/// is copied by the command run as its own process into a new PostgreSQL database; the site then started
/// on the copy has the same count and feed, lets the staff member sign in with the same password (and
/// accepts the sign-in cookie the SQLite site issued: the Data Protection keys came too), has the same audit
/// log, numbers the next signature after the last, and opens the report with its code, showing the reporter's
/// message (its key came, wrapped, and the same key-encryption key unwraps it).
/// </summary>
// PostgreSQL only: it needs a PostgreSQL server for the target (its source is a SQLite file in either run);
// tests/test.sh runs it in its PostgreSQL run.
[Trait("Provider", "PostgreSqlOnly")]
public sealed partial class CopyToCommandTests : IDisposable
{
    private static readonly string ReportingKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    private readonly string _sourcePath = SiteFactory.NewDatabasePath();
    private readonly string _targetPath = SiteFactory.NewDatabasePath();

    public CopyToCommandTests()
    {
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.ProviderVariable}=PostgreSQL (tests/test.sh does).");
    }

    public void Dispose()
    {
        SiteFactory.DeleteDatabase(_sourcePath);
        TestDatabase.Drop(_targetPath);
    }

    [Fact]
    public async Task CopiesEveryTable_AndTheSiteOnPostgreSqlHasTheSameCountFeedStaffAuditAndReports()
    {
        const string story = "A copied report story, fictional";
        const string reporterMessage = "A message written before the move, fictional";
        TestUser admin;
        string code, staffCookies;
        PledgeSnapshot before;
        List<AuditRow> auditBefore;
        string editedTitle;
        int versionsBefore;
        await using (var source = SqliteSite())
        {
            var writer = source.Writer();
            for (var i = 1; i <= 12; i++)
            {
                var outcome = await writer.AddAsync(PledgeTestData.Signature($"copy.signer{i}@example.ac.uk", $"Copy Signer {i}"), CancellationToken.None);
                Assert.Equal(SignOutcomeKind.Added, outcome.Kind);
            }

            // One held for moderation, one taken down by a moderator: not public, but copied.
            await writer.AddAsync(PledgeTestData.Signature("copy.held@example.ac.uk", "Held Example", status: SignatureStatus.Held), CancellationToken.None);
            var hide = (await source.SignaturesAsync()).Single(s => s.Name == "Copy Signer 3").Id;
            Assert.Equal(1, await writer.ChangeStatusAsync([hide], SignatureStatus.Hidden));

            admin = await source.CreateUserAsync(StaffRoles.Admin);
            staffCookies = await SignInCookiesAsync(source, admin);

            // An edited page: a new published version beside the first.
            await using (var scope = source.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var editor = scope.ServiceProvider.GetRequiredService<ContentPageEditor>();
                var page = await db.ContentPages.OrderBy(p => p.Id).FirstAsync();
                var latest = await db.ContentVersions.Where(v => v.PageId == page.Id && v.State == ContentVersionState.Published)
                    .OrderByDescending(v => v.Number).FirstAsync();
                editedTitle = latest.Title + " (edited before the move)";
                var saved = await editor.PublishAsync(page, page.Revision, ContentDraft.From(latest) with { Title = editedTitle }, "Edited before the move");
                Assert.True(saved.Succeeded);
                versionsBefore = await db.ContentVersions.CountAsync();
            }

            using (var reporter = source.CreateBrowserLikeClient())
            {
                code = await reporter.ReportAnonymouslyAsync(story);
                using (var kept = await reporter.SubmitAsync(await ReportTestSupport.FormAsync(reporter, "/report/code"), []))
                {
                    Assert.Equal("/report/follow-up", kept.Headers.Location!.OriginalString);
                }

                using var wrote = await reporter.SubmitAsync(await ReportTestSupport.FormAsync(reporter, "/report/follow-up", "reply"), [new("Reply.Text", reporterMessage)]);
                Assert.Equal(HttpStatusCode.Redirect, wrote.StatusCode);
            }

            await Eventually.TrueAsync(() => source.Feed().Current.Count == 11, TimeSpan.FromSeconds(30), "the feed to show 11 published");
            before = source.Feed().Current;
            auditBefore = (await source.AllAuditAsync()).Select(AuditRow.Of).ToList();
            Assert.NotEmpty(auditBefore);
        }

        // The source site is stopped (disposed): now the command, as its own process, with the target from the environment.
        var targetConnection = TestDatabase.CreateEmpty(_targetPath);
        var (exit, output, error) = await ChildApp.RunAsync(_sourcePath, CommandSettings(targetConnection), ["copy-to"]);
        Assert.True(exit == 0, $"copy-to exited {exit}: {output} {error}");
        Assert.DoesNotContain("@example.ac.uk", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(story, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(reporterMessage, output + error, StringComparison.Ordinal);
        Assert.Contains("Applying 3 migration(s)", output, StringComparison.Ordinal);

        // Every table printed with equal counts, and every table of both databases is among them.
        var printed = CountLine().Matches(output).ToDictionary(m => m.Groups["table"].Value, m => (Source: Number(m, "source"), Target: Number(m, "target")));
        Assert.All(printed, table => Assert.Equal(table.Value.Source, table.Value.Target));
        Assert.Equal(ExpectedTables(), printed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(13, printed["Signatures"].Target);
        Assert.Equal(1, printed["AspNetUsers"].Target);
        Assert.Equal(1, printed["Reports"].Target);
        Assert.True(printed["DataProtectionKeys"].Target >= 1);
        Assert.Equal(versionsBefore, printed["ContentVersions"].Target);
        Assert.Equal(0, Scalar("SELECT count(*) FROM \"PledgeChanges\""));

        await using var target = SiteFactory.OnDatabase(_targetPath).With("Reporting:Key", ReportingKey);
        // The count and the public feed.
        var after = target.Feed().Current;
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.LastNumber, after.LastNumber);
        Assert.Equal(before.Latest.Select(s => (s.Number, s.DisplayName)), after.Latest.Select(s => (s.Number, s.DisplayName)));
        Assert.DoesNotContain(after.Latest, s => s.DisplayName.StartsWith("Copy Signer 3", StringComparison.Ordinal) || s.DisplayName.StartsWith("Held", StringComparison.Ordinal));
        using (var visitor = target.CreateBrowserLikeClient())
        {
            var pledge = await visitor.GetHtmlAsync("/pledge");
            Assert.Contains(before.Count.ToString(CultureInfo.InvariantCulture), pledge.Body!.TextContent, StringComparison.Ordinal);
        }

        // The audit log, row for row.
        Assert.Equal(auditBefore, (await target.AllAuditAsync()).Select(AuditRow.Of).ToList());

        // The same password, and the cookie the SQLite site issued (Data Protection keys copied).
        using (var staff = await target.SignedInClientAsync(admin))
        {
            var home = await staff.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        using (var oldSession = target.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false }))
        {
            oldSession.DefaultRequestHeaders.Add("Cookie", staffCookies);
            using var home = await oldSession.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        // The edited page's versions and its latest words.
        Assert.Equal(versionsBefore, await target.WithDbAsync(db => db.ContentVersions.CountAsync()));
        Assert.True(await target.WithDbAsync(db => db.ContentVersions.AnyAsync(v => v.Title == editedTitle && v.State == ContentVersionState.Published)));

        // A new signing takes the next number, and new rows get new ids (the sequences were moved on).
        var next = await target.Writer().AddAsync(PledgeTestData.Signature("copy.after@example.ac.uk", "After Example"), CancellationToken.None);
        Assert.Equal(SignOutcomeKind.Added, next.Kind);
        Assert.Equal(before.LastNumber + 1, next.Number);
        Assert.True(next.SignatureId > 13);
        await Eventually.TrueAsync(() => target.Feed().Current.Count == before.Count + 1, TimeSpan.FromSeconds(30), "the copy's feed to count the new signing");

        // The report opens with its code: its wrapped key and encrypted words came, and the same key-encryption key unwraps them.
        using (var reporter = target.CreateBrowserLikeClient())
        {
            using var opened = await reporter.EnterCodeAsync(code);
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
            var conversation = await reporter.GetHtmlAsync("/report/follow-up");
            Assert.Equal("Your report", conversation.QuerySelector("h1")!.TextContent);
            Assert.Contains(reporterMessage, conversation.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RefusesATargetWithRows_AndASourceBeingWritten_WritingNothing()
    {
        await using (var source = SqliteSite())
        {
            await source.Writer().AddAsync(PledgeTestData.Signature("refuse.signer@example.ac.uk", "Refuse Example"), CancellationToken.None);
        }

        // A migrated target that already holds a signature.
        var targetConnection = TestDatabase.ConnectionStringFor(_targetPath);
        await using (var db = TestDatabase.Context(_targetPath))
        {
            db.Myths.Add(new Myth { Statement = "A myth already there", Answer = "Fictional", Source = "A test", SortOrder = 1 });
            await db.SaveChangesAsync();
        }

        var (exit, output, error) = await ChildApp.RunAsync(_sourcePath, CommandSettings(targetConnection), ["copy-to"]);
        Assert.Equal(1, exit);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
        Assert.Contains("Myths (1 rows)", error, StringComparison.Ordinal);
        Assert.Equal(0, Scalar("SELECT count(*) FROM \"Signatures\""));
        Assert.Equal(1, Scalar("SELECT count(*) FROM \"Myths\""));
        Assert.DoesNotContain("@example.ac.uk", output + error, StringComparison.Ordinal);

        // An empty target, but the source is being written (a write lock held, as a running site's writer would).
        TestDatabase.Drop(_targetPath);
        var empty = TestDatabase.CreateEmpty(_targetPath);
        await using (var writing = new SqliteConnection($"Data Source={_sourcePath};Pooling=False"))
        {
            await writing.OpenAsync();
            await using var transaction = writing.BeginTransaction(deferred: false);
            (exit, output, error) = await ChildApp.RunAsync(_sourcePath, CommandSettings(empty), ["copy-to"]);
        }

        Assert.Equal(1, exit);
        Assert.Contains("being written", error, StringComparison.Ordinal);
        // Refused before anything was done to the target: not even migrated.
        Assert.Equal(0, Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"));

        // Without a target it says how to give one, and the password need not be on the command line.
        (exit, _, error) = await ChildApp.RunAsync(_sourcePath, CommandSettings(""), ["copy-to"]);
        Assert.Equal(2, exit);
        Assert.Contains("CopyTo__ConnectionString", error, StringComparison.Ordinal);
    }

    private SiteFactory SqliteSite() => SiteFactory.OnDatabase(_sourcePath)
        .With("Database:Provider", nameof(DatabaseProvider.Sqlite))
        .With("ConnectionStrings:Default", $"Data Source={_sourcePath}")
        .With("Reporting:Key", ReportingKey);

    private Dictionary<string, string> CommandSettings(string target) => new()
    {
        ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
        ["ConnectionStrings:Default"] = $"Data Source={_sourcePath}",
        ["CopyTo:ConnectionString"] = target,
    };

    /// <summary>Every table in the PostgreSQL target but EF's migration history and the PostgreSQL-only change log.</summary>
    private List<string> ExpectedTables()
    {
        using var connection = TestDatabase.Open(_targetPath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (!name.StartsWith("__EFMigrations", StringComparison.Ordinal) && name != "PledgeChanges")
            {
                tables.Add(name);
            }
        }

        // And the SQLite source has no table outside that list.
        using var sqlite = new SqliteConnection($"Data Source={_sourcePath};Mode=ReadOnly;Pooling=False");
        sqlite.Open();
        using var sqliteCommand = sqlite.CreateCommand();
        sqliteCommand.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'";
        using var sqliteReader = sqliteCommand.ExecuteReader();
        while (sqliteReader.Read())
        {
            Assert.Contains(sqliteReader.GetString(0), tables);
        }

        return [.. tables.Order(StringComparer.Ordinal)];
    }

    private long Scalar(string sql)
    {
        using var connection = TestDatabase.Open(_targetPath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Signs in through the real form by hand and returns the cookies the site set, as a Cookie header.</summary>
    private static async Task<string> SignInCookiesAsync(SiteFactory site, TestUser user)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var page = await client.GetAsync("/account/login");
        Keep(page, cookies);
        client.DefaultRequestHeaders.Add("Cookie", Header(cookies));
        var form = (IHtmlFormElement)(await page.ReadHtmlAsync()).QuerySelector("main form")!;
        using var response = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        Keep(response, cookies);
        return Header(cookies);
    }

    private static void Keep(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            return;
        }

        foreach (var pair in set.Select(c => c.Split(';', 2)[0].Split('=', 2)))
        {
            cookies[pair[0]] = pair[1];
        }
    }

    private static string Header(Dictionary<string, string> cookies) => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));

    private static long Number(Match match, string group) =>
        long.Parse(match.Groups[group].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<table>[A-Za-z]+)\s+(?<source>[\d,]+)\s+(?<target>[\d,]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex CountLine();

    private sealed record AuditRow(long Id, DateTimeOffset OccurredAt, string? ActorId, string ActorName, string Action, string RecordType, string? RecordId, string? Details)
    {
        public static AuditRow Of(AuditEntry e) => new(e.Id, e.OccurredAt, e.ActorId, e.ActorName, e.Action, e.RecordType, e.RecordId, e.Details);
    }
}

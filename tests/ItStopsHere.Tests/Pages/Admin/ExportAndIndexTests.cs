using System.Net;
using System.Text;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Moderation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Admin;

public sealed class SignatureExportTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static List<string[]> ParseCsv(string text)
    {
        // Enough of RFC 4180 for these rows: quoted fields with doubled quotes, commas and no line breaks.
        var rows = new List<string[]>();
        foreach (var line in text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') { quoted = false; }
                    else { field.Append(c); }
                }
                else if (c == '"') { quoted = true; }
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else { field.Append(c); }
            }

            fields.Add(field.ToString());
            rows.Add(fields.ToArray());
        }

        return rows;
    }

    [Fact]
    public async Task Export_Admin_GetsFilteredCsvWithoutEmails_FormulaCellsEscaped_AndItIsAudited()
    {
        await _factory.AddSignatureAsync("formula.one@example.ac.uk", "=HYPERLINK(\"http://x\")", detail: "+44 society");
        await _factory.AddSignatureAsync("formula.two@example.ac.uk", "@SUM(A1)", detail: "-1, \"quoted\"");
        await _factory.AddSignatureAsync("plain@example.ac.uk", "Plain Example", SignatureStatus.Held);
        var admin = await _factory.StaffClientAsync(StaffRoles.Admin);

        using var response = await admin.GetAsync("/admin/signatures-export?handler=csv&status=published");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("@example.ac.uk", text, StringComparison.Ordinal);
        Assert.DoesNotContain("formula.one", text, StringComparison.Ordinal);
        var rows = ParseCsv(text);
        Assert.Equal(SignatureExportModelColumns, rows[0]);
        Assert.Equal(3, rows.Count);
        var names = rows.Skip(1).Select(r => r[4]).ToList();
        Assert.Contains("'=HYPERLINK(\"http://x\")", names);
        Assert.Contains("'@SUM(A1)", names);
        var details = rows.Skip(1).Select(r => r[6]).ToList();
        Assert.Contains("'+44 society", details);
        Assert.Contains("'-1, \"quoted\"", details);
        Assert.DoesNotContain(names, n => n == "Plain Example");
        var entry = Assert.Single(await _factory.AuditOfActionAsync(AuditActions.SignaturesExported));
        Assert.Contains("status=published", entry.Details, StringComparison.Ordinal);
        Assert.Contains("without email addresses", entry.Details, StringComparison.Ordinal);
    }

    private static readonly string[] SignatureExportModelColumns = [.. ItStopsHere.Web.Pages.Admin.SignatureExportModel.Columns];

    [Fact]
    public async Task Export_Moderator_IsForbidden_AndNotAudited()
    {
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        using var response = await moderator.GetAsync("/admin/signatures-export?handler=csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await _factory.AuditOfActionAsync(AuditActions.SignaturesExported));
    }

    [Fact]
    public async Task Export_LinkOnTheList_IsForAdminsOnly_AndCarriesTheFilters()
    {
        var admin = await _factory.StaffClientAsync(StaffRoles.Admin);
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        var adminPage = await admin.GetHtmlAsync("/admin/moderation/signatures?status=hidden&q=abc");
        var moderatorPage = await moderator.GetHtmlAsync("/admin/moderation/signatures");

        Assert.Equal("/admin/signatures-export?handler=csv&status=hidden&q=abc", adminPage.QuerySelector("a[data-export]")!.GetAttribute("href"));
        Assert.Null(moderatorPage.QuerySelector("a[data-export]"));
    }
}

/// <summary>The moderation list stays fast at 100,000 rows because each page is an index seek, not a scan and sort.</summary>
// SQLite only: seeds with SQLite SQL and reads SQLite's EXPLAIN QUERY PLAN.
[Trait("Provider", "SqliteOnly")]
public sealed class SignatureListIndexTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task SeedAsync(int rows)
    {
        _ = _factory.CreateClient();
        await using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath}");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
            INSERT INTO "Signatures" ("Number", "Status", "SignatoryType", "Name", "Affiliation", "Detail", "Email", "NormalizedEmail",
                "Actions", "NameDisplay", "ClientHash", "SignedAt", "PublishedAt")
            SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE i END, CASE WHEN i % 10 = 0 THEN 2 ELSE 1 END, 1 + (i % 4), 'Seed Person ' || i, 1, NULL,
                'seed' || i || '@example.ac.uk', 'seed' || i || '@example.ac.uk', 2, 1, 'hash' || (i % 500), 1700000000000 + i * 1000, 1700000000000 + i * 1000
            FROM n;
            ANALYZE;
            """;
        insert.Parameters.AddWithValue("$rows", rows);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>EXPLAIN QUERY PLAN for the exact SQL EF Core sends for this page query, with its parameters bound.</summary>
    private async Task<string> PlanAsync(SignatureFilter filter, long? before)
    {
        return await _factory.WithDbAsync(async db =>
        {
            var query = SignatureSearch.Page(db, filter, before, 50);
            var command = query.CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await db.Database.OpenConnectionAsync();
            try
            {
                var plan = new StringBuilder();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    plan.AppendLine(reader.GetString(3));
                }

                return plan.ToString();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    [Fact]
    public async Task ListPages_At100000Rows_SeekAnIndexInsteadOfScanningAndSorting()
    {
        await SeedAsync(100_000);
        var count = await _factory.WithDbAsync(db => db.Signatures.LongCountAsync());
        Assert.Equal(100_000, count);

        var cases = new (SignatureFilter Filter, long? Before, string Index)[]
        {
            // No filter, first page: the table itself in rowid order, newest first, stopping after 51 rows.
            (new SignatureFilter(), null, "SCAN s"),
            (new SignatureFilter(), 50_000, "INTEGER PRIMARY KEY"),
            (new SignatureFilter { Status = "held" }, null, "IX_Signatures_Status_Id"),
            (new SignatureFilter { Status = "published" }, 70_000, "IX_Signatures_Status_Id"),
            (new SignatureFilter { Type = "team" }, 90_000, "IX_Signatures_SignatoryType_Id"),
        };

        foreach (var (filter, before, index) in cases)
        {
            var plan = await PlanAsync(filter, before);
            Assert.Contains(index, plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("SCAN s USING INDEX IX_Signatures_SignedAt", plan, StringComparison.Ordinal);
        }

        var dashboard = await _factory.WithDbAsync(async db =>
        {
            var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
            var command = db.Signatures.Where(s => s.SignedAt >= hourAgo && s.ClientHash != null).GroupBy(s => s.ClientHash!)
                .Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(5).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await db.Database.OpenConnectionAsync();
            await using var reader = await command.ExecuteReaderAsync();
            var plan = new StringBuilder();
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(3));
            }

            return plan.ToString();
        });
        Assert.Contains("USING COVERING INDEX IX_Signatures_SignedAt_ClientHash", dashboard, StringComparison.Ordinal);

        // And the list really pages through them: the last page of held signatures is reached by keyset.
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);
        var page = await moderator.GetHtmlAsync("/admin/moderation/signatures?status=held&before=25");
        Assert.Equal(["20", "10"], page.QuerySelectorAll("tbody tr[data-signature]").Select(e => e.GetAttribute("data-signature")!).ToList());
    }
}

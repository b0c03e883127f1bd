using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Admin.Audit;

public class AuditLogTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private async Task<AuditEntry> AddEntryAsync(string action = AuditActions.UserLocked, string actor = "someone@example.ac.uk", DateTimeOffset? at = null)
    {
        return await factory.WithDbAsync(async db =>
        {
            var entry = new AuditEntry
            {
                OccurredAt = at ?? DateTimeOffset.UtcNow,
                ActorName = actor,
                Action = action,
                RecordType = "User",
                RecordId = Guid.NewGuid().ToString(),
                Details = "Test entry",
            };
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry;
        });
    }

    [Fact]
    public async Task AuditLog_Record_IsWrittenWithTheCallersSaveChanges()
    {
        var recordId = Guid.NewGuid().ToString();
        await using var scope = factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        await audit.RecordAsync(AuditActions.UserLocked, "User", recordId, new string('x', 1500), AuditActor.CommandLine);
        Assert.Empty(await factory.AuditFor(recordId));
        await db.SaveChangesAsync();

        var entry = Assert.Single(await factory.AuditFor(recordId));
        Assert.Equal("command line", entry.ActorName);
        Assert.Null(entry.ActorId);
        Assert.Equal(AuditLog.MaxDetailsLength, entry.Details!.Length);
        Assert.InRange(entry.OccurredAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Entry_CannotBeUpdatedOrDeleted_ThroughEfCore()
    {
        var entry = await AddEntryAsync();

        var update = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(async db =>
        {
            var tracked = await db.AuditEntries.SingleAsync(e => e.Id == entry.Id);
            tracked.Details = "rewritten";
            return await db.SaveChangesAsync();
        }));
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == entry.Id));
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal("Test entry", (await factory.AuditFor(entry.RecordId)).Single().Details);
    }

    [Fact]
    public async Task Entry_CannotBeUpdatedOrDeleted_InTheDatabaseItself()
    {
        var entry = await AddEntryAsync();

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => factory.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, "rewritten"))));
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => factory.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Single(await factory.AuditFor(entry.RecordId));
    }

    [Fact]
    public async Task Get_AuditPage_ShowsEntriesNewestFirst()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var older = await AddEntryAsync();
        var newer = await AddEntryAsync(AuditActions.UserRemoved);
        var client = await factory.SignedInClientAsync(admin);

        var page = await client.GetHtmlAsync("/admin/audit");

        var ids = page.QuerySelectorAll("[data-audit-entry]").Select(r => long.Parse(r.GetAttribute("data-audit-entry")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ids.IndexOf(newer.Id) < ids.IndexOf(older.Id));
        Assert.Equal(ids.OrderByDescending(i => i), ids);
        var row = page.QuerySelector($"[data-audit-entry='{newer.Id}']");
        Assert.Contains("Removed a user", row.Text(), StringComparison.Ordinal);
        Assert.Contains("someone@example.ac.uk", row.Text(), StringComparison.Ordinal);
        // No form on the page can change the log.
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
    }

    [Fact]
    public async Task Get_AuditPage_FiltersByWhoActionAndDate()
    {
        await using var site = new SiteFactory();
        var admin = await site.CreateUserAsync(StaffRoles.Admin);
        var client = await site.SignedInClientAsync(admin);
        async Task<AuditEntry> Add(string action, string actor, DateTimeOffset at) => await site.WithDbAsync(async db =>
        {
            var entry = new AuditEntry { OccurredAt = at, ActorName = actor, Action = action, RecordType = "User", RecordId = Guid.NewGuid().ToString() };
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry;
        });
        // 23:30 UTC on 14 June is 00:30 on 15 June in London (BST): the date filter is in London time.
        var lateJune14Utc = await Add(AuditActions.UserLocked, "alex@example.ac.uk", new DateTimeOffset(2025, 6, 14, 23, 30, 0, TimeSpan.Zero));
        var june13 = await Add(AuditActions.UserLocked, "alex@example.ac.uk", new DateTimeOffset(2025, 6, 13, 12, 0, 0, TimeSpan.Zero));
        var byBeth = await Add(AuditActions.UserUnlocked, "beth@example.ac.uk", new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.Zero));

        async Task<List<long>> Ids(string query) =>
            (await client.GetHtmlAsync("/admin/audit" + query)).QuerySelectorAll("[data-audit-entry]")
                .Select(r => long.Parse(r.GetAttribute("data-audit-entry")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // Newest first means most recently recorded (highest id), which in real use is also the latest time.
        Assert.Equal([june13.Id, lateJune14Utc.Id], await Ids("?who=alex%40example.ac.uk"));
        Assert.Equal([byBeth.Id], await Ids("?what=" + AuditActions.UserUnlocked));
        Assert.Equal([byBeth.Id, lateJune14Utc.Id], await Ids("?from=2025-06-15&to=2025-06-15"));
        Assert.Equal([june13.Id], await Ids("?who=alex%40example.ac.uk&to=2025-06-14"));
        var options = (await client.GetHtmlAsync("/admin/audit")).QuerySelectorAll("#who option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("beth@example.ac.uk", options);
    }

    [Theory]
    [InlineData("?from=31-02-2025", "#from-error")]
    [InlineData("?from=2025-06-15&to=2025-06-01", "#to-error")]
    [InlineData("?what=made.up", "#what-error")]
    public async Task Get_AuditPage_InvalidFilter_RendersErrorWith400(string query, string errorSelector)
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);

        using var response = await client.GetAsync("/admin/audit" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.NotNull(document.QuerySelector(errorSelector));
        Assert.NotNull(document.QuerySelector(".error-summary"));
    }

    [Fact]
    public async Task Get_AuditPage_PagesByKeyset_WithoutGapsOrRepeats()
    {
        await using var site = new SiteFactory();
        var admin = await site.CreateUserAsync(StaffRoles.Admin);
        var client = await site.SignedInClientAsync(admin);
        await site.WithDbAsync(async db =>
        {
            for (var i = 0; i < 120; i++)
            {
                db.AuditEntries.Add(new AuditEntry { OccurredAt = DateTimeOffset.UtcNow, ActorName = "paging@example.ac.uk", Action = AuditActions.UserLocked, RecordType = "User", RecordId = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }

            return await db.SaveChangesAsync();
        });

        var seen = new List<long>();
        string? next = "/admin/audit?who=paging%40example.ac.uk";
        var pages = 0;
        while (next is not null)
        {
            var page = await client.GetHtmlAsync(next);
            seen.AddRange(page.QuerySelectorAll("[data-audit-entry]").Select(r => long.Parse(r.GetAttribute("data-audit-entry")!, System.Globalization.CultureInfo.InvariantCulture)));
            next = page.QuerySelector("a[data-older]")?.GetAttribute("href");
            if (next is not null)
            {
                Assert.Contains("who=paging", next, StringComparison.Ordinal);
            }

            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(120, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.OrderByDescending(i => i), seen);
    }
}

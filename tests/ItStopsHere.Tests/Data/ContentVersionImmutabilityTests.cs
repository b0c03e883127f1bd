using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Data;

/// <summary>A published page version stays as published: the app refuses to change it, and so does the database, to raw SQL too.</summary>
public class ContentVersionImmutabilityTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task App_RefusesToChangeOrDeleteAPublishedVersion()
    {
        _ = factory.CreateClient();

        var changed = await factory.WithDbAsync(async db =>
        {
            var version = await db.ContentVersions.FirstAsync(v => v.State == ContentVersionState.Published);
            version.Title = "Quietly rewritten";
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });
        var deleted = await factory.WithDbAsync(async db =>
        {
            db.ContentVersions.Remove(await db.ContentVersions.FirstAsync(v => v.State == ContentVersionState.Published));
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<InvalidOperationException>(changed);
        Assert.IsType<InvalidOperationException>(deleted);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ContentVersions.CountAsync(v => v.Title == "Quietly rewritten")));
    }

    [Theory]
    [InlineData("UPDATE \"ContentVersions\" SET \"Title\" = 'Quietly rewritten' WHERE \"State\" = 'Published'", "cannot be changed")]
    [InlineData("UPDATE \"ContentVersions\" SET \"State\" = 'Draft' WHERE \"State\" = 'Published'", "cannot be changed")]
    [InlineData("DELETE FROM \"ContentVersions\" WHERE \"State\" = 'Published'", "kept for at least 3 years")]
    public async Task Database_RefusesRawSqlThatChangesOrDeletesAPublishedVersion(string sql, string message)
    {
        _ = factory.CreateClient();
        var before = await factory.WithDbAsync(db => db.ContentVersions.CountAsync(v => v.State == ContentVersionState.Published));

        var error = await factory.WithDbAsync(db => Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(sql)));

        // SQLite's trigger aborts with SqliteException; PostgreSQL's trigger function raises a PostgresException.
        var refused = Assert.IsAssignableFrom<System.Data.Common.DbException>(error);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.ContentVersions.CountAsync(v => v.State == ContentVersionState.Published && v.Title != "Quietly rewritten")));
    }

    [Fact]
    public async Task Database_AllowsDeletingAPublishedVersionOlderThanThreeYears()
    {
        _ = factory.CreateClient();

        var deleted = await factory.WithDbAsync(async db =>
        {
            var pageId = await db.ContentPages.Select(p => p.Id).FirstAsync();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"ContentVersions\" (\"PageId\", \"Number\", \"State\", \"Title\", \"Summary\", \"Body\", \"Html\", \"ChangeNote\", \"PublishedAt\", \"PublishedBy\", \"SavedAt\") " +
                "VALUES ({0}, 99, 'Published', 'Old', 'Old', 'Old', '<p>Old</p>', 'Old', {1}, 'Campaign team', {1})", pageId, DateTime.UtcNow.AddYears(-4));
            return await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ContentVersions\" WHERE \"Number\" = 99");
        });

        Assert.Equal(1, deleted);
    }
}

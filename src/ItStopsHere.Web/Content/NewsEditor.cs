using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// What Admins do to news items. Each change is saved together with its audit entry (who, what, which
/// item), in one transaction, so the log never misses a change or records one that did not happen.
/// </summary>
public sealed class NewsEditor(AppDbContext db, AuditLog audit, TimeProvider clock, ILogger<NewsEditor> logger)
{
    public const string RecordType = "NewsItem";

    public async Task<NewsSave> CreateAsync(NewsItemDraft draft, bool publish, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var item = new NewsItem { PublishedAt = now, IsPublished = publish };
        return await SaveAsync(item, draft, isNew: true, cancellationToken);
    }

    public Task<NewsSave> UpdateAsync(NewsItem item, NewsItemDraft draft, CancellationToken cancellationToken = default) =>
        SaveAsync(item, draft, isNew: false, cancellationToken);

    /// <summary>Publishes the item now: it appears on the site at once, dated now.</summary>
    public async Task PublishAsync(NewsItem item, CancellationToken cancellationToken = default)
    {
        var was = NewsItemStatus.Describe(item, clock.GetUtcNow());
        item.IsPublished = true;
        item.PublishedAt = clock.GetUtcNow();
        await audit.RecordAsync(AuditActions.NewsPublished, RecordType, Id(item), $"“{item.Title}” at /news/{item.Slug} (was: {was})", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("News item {NewsItemId} published", item.Id);
    }

    /// <summary>Publishes the item at <paramref name="at"/>: until then it stays off the site.</summary>
    public async Task ScheduleAsync(NewsItem item, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        item.IsPublished = true;
        item.PublishedAt = at;
        await audit.RecordAsync(AuditActions.NewsScheduled, RecordType, Id(item), $"“{item.Title}” to publish on {LondonTime.Describe(at)} (London time)", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("News item {NewsItemId} scheduled for {PublishAt}", item.Id, at);
    }

    /// <summary>Takes the item off the site (or cancels its schedule); it stays as a draft.</summary>
    public async Task UnpublishAsync(NewsItem item, CancellationToken cancellationToken = default)
    {
        var was = NewsItemStatus.Describe(item, clock.GetUtcNow());
        item.IsPublished = false;
        await audit.RecordAsync(AuditActions.NewsUnpublished, RecordType, Id(item), $"“{item.Title}” (was: {was})", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("News item {NewsItemId} unpublished", item.Id);
    }

    public async Task DeleteAsync(NewsItem item, CancellationToken cancellationToken = default)
    {
        var was = NewsItemStatus.Describe(item, clock.GetUtcNow());
        db.NewsItems.Remove(item);
        await audit.RecordAsync(AuditActions.NewsDeleted, RecordType, Id(item), $"“{item.Title}” at /news/{item.Slug} ({was})", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("News item {NewsItemId} deleted", item.Id);
    }

    private async Task<NewsSave> SaveAsync(NewsItem item, NewsItemDraft draft, bool isNew, CancellationToken cancellationToken)
    {
        var exceptId = isNew ? (int?)null : item.Id;
        var typed = draft.Slug?.Trim();
        string slug;
        if (string.IsNullOrEmpty(typed))
        {
            slug = await NewsSlugs.UniqueAsync(db, NewsSlugs.FromTitle(draft.Title), exceptId, cancellationToken);
        }
        else
        {
            if (await NewsSlugs.OwnerAsync(db, typed, exceptId, cancellationToken) is { } owner)
            {
                return SlugTaken(owner);
            }

            slug = typed;
        }

        var before = NewsItemStatus.Copy(item);
        draft.ApplyTo(item, slug);
        var changes = NewsItemStatus.Changes(before, item);
        if (!isNew && changes is null)
        {
            return new NewsSave(item, Unchanged: true);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (isNew)
            {
                db.NewsItems.Add(item);
                // Saved first, to learn the new item's id for its audit entry.
                await db.SaveChangesAsync(cancellationToken);
                await audit.RecordAsync(AuditActions.NewsCreated, RecordType, Id(item),
                    $"“{item.Title}” at /news/{item.Slug}{(item.IsEvent ? ", an event" : "")}", cancellationToken: cancellationToken);
                if (item.IsPublished)
                {
                    await audit.RecordAsync(AuditActions.NewsPublished, RecordType, Id(item), $"“{item.Title}” at /news/{item.Slug} (was: new)", cancellationToken: cancellationToken);
                }
            }
            else
            {
                await audit.RecordAsync(AuditActions.NewsUpdated, RecordType, Id(item),
                    $"“{item.Title}”: {changes}", cancellationToken: cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            // Another Admin took the address between our check and our save (the unique index caught it).
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new NewsSave(null, nameof(NewsItemDraft.Slug), "Another item took this web address a moment ago. Choose a different one, or leave it empty to make one from the title.");
        }

        logger.LogInformation(isNew ? "News item {NewsItemId} created" : "News item {NewsItemId} edited", item.Id);
        return new NewsSave(item);
    }

    private static NewsSave SlugTaken(NewsItem owner) =>
        new(null, nameof(NewsItemDraft.Slug), $"The news item “{owner.Title}” already has this web address. Choose a different one, or leave it empty to make one from the title.");

    private static string Id(NewsItem item) => item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

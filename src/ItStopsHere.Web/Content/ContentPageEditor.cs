using System.Security.Claims;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// What Admins and Editors do to editable pages: save a draft, publish it now or at a time, or cancel a
/// scheduled version. Every change is saved together with its audit entry in one transaction. A change
/// made from a form opened before someone else's save is refused (see <see cref="ContentPage.Revision"/>).
/// Published versions are only ever added, never changed.
/// </summary>
public sealed class ContentPageEditor(
    AppDbContext db, AuditLog audit, ContentHtml html, TimeProvider clock,
    IHttpContextAccessor httpContextAccessor, ILogger<ContentPageEditor> logger)
{
    public const string RecordType = "ContentPage";

    /// <summary>The page with all its versions; a scheduled version whose time has come is marked published on the way.</summary>
    public async Task<ContentPage?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        var page = await db.ContentPages.Include(p => p.Versions).FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        var now = clock.GetUtcNow();
        var due = page?.Versions.Where(v => v.State == ContentVersionState.Scheduled && v.PublishedAt <= now).ToList() ?? [];
        if (due.Count > 0)
        {
            // Already live for visitors (see ContentPageStore); this only fixes it on the record for good.
            due.ForEach(v => v.State = ContentVersionState.Published);
            await db.SaveChangesAsync(cancellationToken);
        }

        return page;
    }

    public static ContentVersion? Draft(ContentPage page) =>
        page.Versions.FirstOrDefault(v => v.State == ContentVersionState.Draft);

    /// <summary>The newest numbered version, live or scheduled.</summary>
    public static ContentVersion? Newest(ContentPage page) =>
        page.Versions.Where(v => v.Number is not null).MaxBy(v => v.Number);

    /// <summary>The scheduled version still waiting for its time, if any.</summary>
    public ContentVersion? Waiting(ContentPage page) =>
        page.Versions.FirstOrDefault(v => v.State == ContentVersionState.Scheduled && v.PublishedAt > clock.GetUtcNow());

    /// <summary>The words an editor starts from: the draft if there is one, else the newest version.</summary>
    public static ContentVersion? Latest(ContentPage page) => Draft(page) ?? Newest(page);

    public async Task<ContentSave> SaveDraftAsync(ContentPage page, int baseRevision, ContentDraft words, CancellationToken cancellationToken = default)
    {
        if (page.Revision != baseRevision)
        {
            return new ContentSave(false, Latest(page));
        }

        var now = clock.GetUtcNow();
        var draft = Draft(page);
        if (draft is null)
        {
            draft = new ContentVersion { Page = page, State = ContentVersionState.Draft, Items = [.. Newest(page)?.Items ?? []] };
            page.Versions.Add(draft);
        }

        Fill(draft, words);
        draft.SavedAt = now;
        draft.SavedBy = audit.CurrentActor().Name;
        page.Revision++;
        await audit.RecordAsync(AuditActions.PageDraftSaved, RecordType, page.Slug, $"/{page.Slug}: “{words.Title}”", cancellationToken: cancellationToken);
        return await SaveAsync(page, draft, cancellationToken);
    }

    /// <summary>
    /// Publishes <paramref name="words"/> as the page's next version, now or (when <paramref name="at"/> is
    /// later than now) at that time. The draft, if any, is used up.
    /// </summary>
    public async Task<ContentSave> PublishAsync(
        ContentPage page, int baseRevision, ContentDraft words, string changeNote, DateTimeOffset? at = null,
        CancellationToken cancellationToken = default)
    {
        if (page.Revision != baseRevision)
        {
            return new ContentSave(false, Latest(page));
        }

        if (Waiting(page) is not null)
        {
            // One scheduled version at a time keeps the numbering in publication order.
            throw new InvalidOperationException("Cancel the scheduled version before publishing another.");
        }

        var now = clock.GetUtcNow();
        var scheduled = at is { } time && time > now;
        var draft = Draft(page);
        // The lists go with the words: the draft's if there is one (see ContentListEditor), else the newest version's.
        var items = (draft ?? Newest(page))?.Items ?? [];
        if (draft is not null)
        {
            db.ContentVersions.Remove(draft);
            page.Versions.Remove(draft);
        }

        var version = new ContentVersion
        {
            Page = page,
            Number = (Newest(page)?.Number ?? 0) + 1,
            State = scheduled ? ContentVersionState.Scheduled : ContentVersionState.Published,
            Html = html.RenderFor(page.Slug, words.Body),
            Items = html.RenderItems(items),
            Facts = Newest(page)?.Facts,
            ChangeNote = changeNote.Trim(),
            PublishedAt = scheduled ? at!.Value : now,
            PublishedBy = PublicName(httpContextAccessor.HttpContext?.User),
            SavedAt = now,
            SavedBy = audit.CurrentActor().Name,
        };
        Fill(version, words);
        page.Versions.Add(version);
        page.Revision++;
        await audit.RecordAsync(
            scheduled ? AuditActions.PageScheduled : AuditActions.PagePublished, RecordType, page.Slug,
            scheduled
                ? $"/{page.Slug} version {version.Number} to publish on {LondonTime.Describe(version.PublishedAt!.Value)} (London time): {version.ChangeNote}"
                : $"/{page.Slug} version {version.Number}: {version.ChangeNote}",
            cancellationToken: cancellationToken);
        return await SaveAsync(page, version, cancellationToken);
    }

    /// <summary>
    /// Publishes a change to the page's structured part (<see cref="PageFacts"/>: a help line or a figure)
    /// at once, as the page's next version: the current words with the new facts, and the change in the
    /// page's public history like any other. <paramref name="details"/> says in the audit log what was
    /// done. While a version is scheduled this is refused (cancel it first), so versions stay in order.
    /// </summary>
    public async Task<ContentSave> PublishFactsAsync(
        ContentPage page, int baseRevision, PageFacts facts, string changeNote, string details,
        CancellationToken cancellationToken = default)
    {
        if (page.Revision != baseRevision)
        {
            return new ContentSave(false, Latest(page));
        }

        var current = Newest(page);
        if (current is null || Waiting(page) is not null)
        {
            throw new InvalidOperationException("Cancel the scheduled version before changing the page's facts.");
        }

        var now = clock.GetUtcNow();
        var version = new ContentVersion
        {
            Page = page,
            Number = current.Number + 1,
            State = ContentVersionState.Published,
            Title = current.Title,
            Summary = current.Summary,
            Body = current.Body,
            ContentNote = current.ContentNote,
            Html = current.Html,
            Items = [.. current.Items],
            EffectiveOn = current.EffectiveOn,
            LastReviewedOn = current.LastReviewedOn,
            NextReviewDueOn = current.NextReviewDueOn,
            Facts = facts.Serialize(),
            ChangeNote = changeNote.Trim(),
            PublishedAt = now,
            PublishedBy = PublicName(httpContextAccessor.HttpContext?.User),
            SavedAt = now,
            SavedBy = audit.CurrentActor().Name,
        };
        page.Versions.Add(version);
        page.Revision++;
        await audit.RecordAsync(
            AuditActions.PageFactsChanged, RecordType, page.Slug, $"/{page.Slug} version {version.Number}: {details}. What changed: {version.ChangeNote}",
            cancellationToken: cancellationToken);
        return await SaveAsync(page, version, cancellationToken);
    }

    /// <summary>Takes back a scheduled version before its time: its words become the draft again (unless there is a newer draft).</summary>
    public async Task<bool> CancelScheduleAsync(ContentPage page, CancellationToken cancellationToken = default)
    {
        var waiting = Waiting(page);
        if (waiting is null)
        {
            return false;
        }

        var number = waiting.Number;
        if (Draft(page) is null)
        {
            waiting.State = ContentVersionState.Draft;
            waiting.Number = null;
            waiting.Html = null;
            waiting.PublishedAt = null;
            waiting.PublishedBy = null;
        }
        else
        {
            db.ContentVersions.Remove(waiting);
            page.Versions.Remove(waiting);
        }

        page.Revision++;
        await audit.RecordAsync(AuditActions.PageScheduleCancelled, RecordType, page.Slug, $"/{page.Slug} version {number}", cancellationToken: cancellationToken);
        await SaveAsync(page, waiting, cancellationToken);
        return true;
    }

    /// <summary>
    /// How the public history names whoever published: their role on the campaign team, never their email
    /// address (staff accounts have no public display name).
    /// </summary>
    public static string PublicName(ClaimsPrincipal? user)
    {
        var role = StaffRoles.All.FirstOrDefault(r => user?.IsInRole(r) == true);
        return role is null ? "Campaign team" : $"Campaign team ({role})";
    }

    private static void Fill(ContentVersion version, ContentDraft words)
    {
        version.Title = words.Title.Trim();
        version.Summary = words.Summary.Trim();
        version.Body = words.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        version.ContentNote = string.IsNullOrWhiteSpace(words.ContentNote) ? null : words.ContentNote.Trim();
        version.EffectiveOn = words.EffectiveOn;
        version.LastReviewedOn = words.LastReviewedOn;
        version.NextReviewDueOn = words.NextReviewDueOn;
    }

    /// <summary>
    /// Adds a policy at <c>/policies/{word}</c>: published at once as version 1 when <paramref name="changeNote"/>
    /// is given, else kept as a draft. False when the address is taken.
    /// </summary>
    public async Task<ContentSave> CreatePolicyAsync(string word, ContentDraft words, string? changeNote, CancellationToken cancellationToken = default)
    {
        var slug = ContentPageDirectory.PolicyPrefix + word;
        if (await db.ContentPages.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            return new ContentSave(false);
        }

        var page = new ContentPage { Slug = slug, Kind = ContentPageKinds.Policy, Revision = 0 };
        db.ContentPages.Add(page);
        await audit.RecordAsync(AuditActions.PolicyAdded, RecordType, slug, $"/{slug}: “{words.Title.Trim()}”", cancellationToken: cancellationToken);
        return string.IsNullOrWhiteSpace(changeNote)
            ? await SaveDraftAsync(page, 0, words, cancellationToken)
            : await PublishAsync(page, 0, words, changeNote, cancellationToken: cancellationToken);
    }

    /// <summary>Records the list editor's change in the draft (made from the newest version when there is none). False when someone saved since the form was opened.</summary>
    public async Task<ContentSave> SaveItemsAsync(
        ContentPage page, int baseRevision, List<ContentListItem> items, string auditAction, string description, CancellationToken cancellationToken = default)
    {
        if (page.Revision != baseRevision)
        {
            return new ContentSave(false, Latest(page));
        }

        var draft = Draft(page);
        if (draft is null)
        {
            var newest = Newest(page);
            draft = new ContentVersion { Page = page, State = ContentVersionState.Draft };
            if (newest is not null)
            {
                Fill(draft, ContentDraft.From(newest));
            }

            page.Versions.Add(draft);
        }

        draft.Items = items;
        draft.SavedAt = clock.GetUtcNow();
        draft.SavedBy = audit.CurrentActor().Name;
        page.Revision++;
        await audit.RecordAsync(auditAction, RecordType, page.Slug, $"/{page.Slug}: {description}", cancellationToken: cancellationToken);
        return await SaveAsync(page, draft, cancellationToken);
    }

    private async Task<ContentSave> SaveAsync(ContentPage page, ContentVersion saved, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved the same page at the same moment: theirs stands; show it.
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(page.Slug, cancellationToken);
            return new ContentSave(false, fresh is null ? null : Latest(fresh));
        }

        logger.LogInformation("Page {Slug} saved: {State} {Number}", page.Slug, saved.State, saved.Number);
        return new ContentSave(true, Saved: saved);
    }
}

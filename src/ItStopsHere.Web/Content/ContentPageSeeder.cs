using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Gives each page in <see cref="ContentPageCatalog"/> that has no record yet its first published version
/// (<see cref="ContentFirstVersions"/>), so the site shows exactly what it showed before. Runs on every
/// start; a page that exists is never touched again (the team owns it). <c>/help</c> starts with the
/// help lines of <see cref="FirstFacts"/>; <c>/impact</c> with the figures the site showed, which were
/// the configured <c>Campaign:Statistics</c> with any change an Admin had saved in the settings.
/// </summary>
public sealed class ContentPageSeeder(ContentHtml html, TimeProvider clock, IConfiguration configuration, ILogger<ContentPageSeeder> logger) : IStartupSeeder
{
    public const string FirstPublisher = "Campaign team";

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.ContentPages.Select(p => p.Slug).ToListAsync(cancellationToken);
        var missing = ContentFirstVersions.All.Where(f => !existing.Contains(f.Slug)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var first in missing)
        {
            var facts = await FirstFactsAsync(db, first.Slug, cancellationToken);
            db.ContentPages.Add(new ContentPage
            {
                Slug = first.Slug,
                Kind = ContentPageKinds.Campaign,
                Revision = 1,
                Versions =
                [
                    new ContentVersion
                    {
                        Number = 1,
                        State = ContentVersionState.Published,
                        Title = first.Title,
                        Summary = first.Summary,
                        Body = first.Body,
                        ContentNote = first.ContentNote,
                        Html = html.RenderFor(first.Slug, first.Body),
                        Items = html.RenderItems(first.Items ?? []),
                        Facts = facts.Serialize(),
                        ChangeNote = ContentFirstVersions.ChangeNote,
                        PublishedAt = now,
                        PublishedBy = FirstPublisher,
                        SavedAt = now,
                        SavedBy = FirstPublisher,
                    },
                ],
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Added the first version of {Count} editable pages", missing.Count);
        }
        catch (DbUpdateException)
        {
            // Another instance starting at the same moment added them first: its copy stands.
            db.ChangeTracker.Clear();
            var now2 = await db.ContentPages.CountAsync(cancellationToken);
            if (now2 < ContentFirstVersions.All.Count)
            {
                throw;
            }
        }
    }

    private async Task<PageFacts> FirstFactsAsync(AppDbContext db, string slug, CancellationToken cancellationToken)
    {
        switch (slug)
        {
            case "help":
                return new PageFacts { HelpLines = [.. FirstFacts.HelpLines()] };
            case "impact":
                var options = CampaignSettingsStore.Defaults(configuration);
                var saved = await db.CampaignSettings.AsNoTracking().ToListAsync(cancellationToken);
                CampaignSettingsStore.Apply(options, saved.ToDictionary(r => r.Key, r => r.Value, StringComparer.OrdinalIgnoreCase));
                return new PageFacts { Figures = FirstFacts.Figures(options.Statistics) };
            default:
                return new PageFacts();
        }
    }
}

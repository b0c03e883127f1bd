using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Development only: two clearly marked placeholder policies, so the policies section, a policy's dates and
/// the "reviews due" list on the staff dashboard can be tried. They make no claim about any real policy:
/// each says it is a placeholder. A real deployment starts with no policies. Runs once per database.
/// </summary>
public sealed class DemoPolicySeeder(ContentHtml html, TimeProvider clock) : IStartupSeeder
{
    public const string MarkerKey = "demo-policies";

    private const string Placeholder =
        "*This is a placeholder added because the site is running in Development. It is not a policy of any institution: " +
        "the real text, dates and owner come from the university.*";

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (await db.SeedMarkers.AnyAsync(m => m.Key == MarkerKey, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(Infrastructure.UkFormat.ToLondon(now).DateTime);
        Add(db, now, "example-harassment-policy", "Example harassment and sexual misconduct policy (demo data)",
            "A placeholder showing where the university's policy on harassment and sexual misconduct will appear.",
            """
            ## What this page will hold

            The university's own policy: who it covers, what behaviour it describes, and what the university will do.

            ## Where to get help now

            [Get help and support](/help), or [read how to report](/report).
            """,
            effective: today.AddMonths(-10), reviewed: today.AddMonths(-10), due: today.AddMonths(2));
        Add(db, now, "example-reporting-procedure", "Example procedure for reporting and investigation (demo data)",
            "A placeholder showing where the university's procedure for reports and investigations will appear.",
            """
            ## What this page will hold

            The steps the university takes after a report, who makes decisions, and how long each step usually takes.
            """,
            effective: today.AddYears(-2), reviewed: today.AddYears(-1), due: today.AddDays(-3));
        db.SeedMarkers.Add(new SeedMarker { Key = MarkerKey, SeededAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Add(AppDbContext db, DateTimeOffset now, string word, string title, string summary, string body, DateOnly effective, DateOnly reviewed, DateOnly due)
    {
        var slug = ContentPageDirectory.PolicyPrefix + word;
        if (db.ContentPages.Any(p => p.Slug == slug))
        {
            return;
        }

        var text = body.Trim() + "\n\n" + Placeholder;
        db.ContentPages.Add(new ContentPage
        {
            Slug = slug,
            Kind = ContentPageKinds.Policy,
            Revision = 1,
            Versions =
            [
                new ContentVersion
                {
                    Number = 1,
                    State = ContentVersionState.Published,
                    Title = title,
                    Summary = summary,
                    Body = text,
                    Html = html.Render(text),
                    ChangeNote = "Placeholder added for the demo (demo data).",
                    EffectiveOn = effective,
                    LastReviewedOn = reviewed,
                    NextReviewDueOn = due,
                    PublishedAt = now,
                    PublishedBy = ContentPageSeeder.FirstPublisher,
                    SavedAt = now,
                    SavedBy = ContentPageSeeder.FirstPublisher,
                },
            ],
        });
    }
}

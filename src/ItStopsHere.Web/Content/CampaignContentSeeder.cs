using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// The campaign's first content, added once to a new database in every environment: the myth busters
/// and the original site's four news items. After that the campaign team owns them: a <see cref="SeedMarker"/>
/// records the seeding, so edits and deletions survive restarts. Facts come from the campaign's checked
/// facts file; the news bodies keep to what the original site said.
/// </summary>
public sealed class CampaignContentSeeder(TimeProvider time, ILogger<CampaignContentSeeder> logger) : IStartupSeeder
{
    public const string MarkerKey = "campaign-content-v1";

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (await db.SeedMarkers.AnyAsync(m => m.Key == MarkerKey, cancellationToken))
        {
            return;
        }

        var myths = Myths();
        var seedSlugs = News().Select(n => n.Slug).ToList();
        // A database that had news before this seeder existed keeps its own item wherever a slug is taken.
        var takenSlugs = await db.NewsItems.Where(n => seedSlugs.Contains(n.Slug)).Select(n => n.Slug).ToListAsync(cancellationToken);
        var news = News().Where(n => !takenSlugs.Contains(n.Slug)).ToList();

        db.Myths.AddRange(myths);
        db.NewsItems.AddRange(news);
        db.SeedMarkers.Add(new SeedMarker { Key = MarkerKey, SeededAt = time.GetUtcNow() });
        try
        {
            // One transaction: the marker and the content are saved together or not at all.
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Added the campaign's first content: {MythCount} myths and {NewsCount} news items",
                myths.Count, news.Count);
        }
        catch (DbUpdateException)
        {
            // Another instance starting at the same moment may have saved the marker first: its copy
            // stands. Any other failure is real and stops the start-up.
            db.ChangeTracker.Clear();
            if (!await db.SeedMarkers.AnyAsync(m => m.Key == MarkerKey, cancellationToken))
            {
                throw;
            }

            logger.LogInformation("The campaign's first content was added by another instance");
        }
    }

    /// <summary>A moment in London time (as the original site gave its event times), stored as UTC.</summary>
    internal static DateTimeOffset InLondon(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, UkFormat.London.GetUtcOffset(local)).ToUniversalTime();
    }

    public static IReadOnlyList<Myth> Myths() =>
    [
        new()
        {
            SortOrder = 1,
            Statement = "Women provoke rape by the way they dress or act",
            Answer = "Nobody asks to be raped. Responsibility lies only with the person who chose to offend.\n\n" +
                     "What someone wears, how much they drink or how they behave is never consent. The Director of Public " +
                     "Prosecutions made this point when the Crown Prosecution Service and the police issued their guidance on consent in 2015.",
            Source = "Director of Public Prosecutions, on the Crown Prosecution Service and police guidance on consent (2015)",
        },
        new()
        {
            SortOrder = 2,
            Statement = "Only gay men get raped, and only gay men rape men",
            Answer = "Any man can be raped, whatever his sexuality. Rape is about power and control, not desire, and most men " +
                     "who sexually assault men identify as heterosexual.\n\n" +
                     "The Crime Survey for England and Wales estimates that about 4% of men have been sexually assaulted since the age of 16.",
            Source = "Mpower; The Survivors Trust; Office for National Statistics, Crime Survey for England and Wales (year ending March 2017)",
        },
        new()
        {
            SortOrder = 3,
            Statement = "If she didn't scream, fight or get injured, it wasn't rape",
            Answer = "Freezing is a common reaction to sexual assault, and nobody chooses it. In a study of 298 women seen at a " +
                     "rape clinic in Stockholm, 70% said they had been unable to move to a significant degree (\"tonic immobility\"), " +
                     "and 48% to an extreme degree.\n\n" +
                     "Not resisting is not the same as consenting.",
            Source = "Möller, Söndergaard and Helström, Acta Obstetricia et Gynecologica Scandinavica 96(8), 2017",
        },
        new()
        {
            SortOrder = 4,
            Statement = "Rape only occurs between strangers",
            Answer = "Most rapes are committed by someone the victim knows. About 87% of rapes of women are by someone they " +
                     "know, and 13% by strangers. 44% of victims were attacked by a partner or ex-partner, and 37% in their own home.\n\n" +
                     "Only about 16% of victims report it to the police.",
            Source = "Office for National Statistics, Crime Survey for England and Wales 2016/17, and Nature of sexual assault by rape or penetration (2017 and 2020)",
        },
        new()
        {
            SortOrder = 5,
            Statement = "False reports of rape are common",
            Answer = "False reports are rare. Over 17 months, from January 2011 to May 2012, the Crown Prosecution Service " +
                     "brought 5,651 prosecutions for rape and 35 prosecutions for making a false allegation of rape.",
            Source = "Crown Prosecution Service, prosecutions from January 2011 to May 2012",
        },
        new()
        {
            SortOrder = 6,
            Statement = "If you were drinking, it was partly your fault",
            Answer = "The law asks whether a person had the capacity to choose. Someone too drunk to choose cannot consent, and " +
                     "that capacity can be lost well before someone is unconscious.\n\n" +
                     "The crime is the offender's, never the victim's.",
            Source = "Sexual Offences Act 2003, section 74; R v Bree [2007] EWCA Crim 804",
        },
    ];

    /// <summary>
    /// The original site's four posts. It gave no publication dates; these keep its order and are
    /// listed under "Content to verify before launch" in the README.
    /// </summary>
    public static IReadOnlyList<NewsItem> News() =>
    [
        new()
        {
            Slug = "thank-you-from-the-welcome-fair",
            Title = "Thank you for visiting us at the Welcome Fair",
            Summary = "A massive thank you to the hundreds of you who stopped by our stall at the Freshers Fair.",
            Body = "We all want to say a massive thank you to the hundreds of you who took the time to stop by our " +
                   "stall at the Freshers Fair last weekend.\n\n" +
                   "If you missed us, you can still [take the pledge](/pledge), read our [myth busters](/myths) and " +
                   "find out [what you can do to take action](/take-action).",
            PublishedAt = InLondon(2016, 9, 26, 10),
            IsPublished = true,
        },
        new()
        {
            Slug = "take-our-student-survey",
            Title = "Help us: take our student survey",
            Summary = "We're running a short survey and need you! It helps us improve how sexual harassment is prevented and reported.",
            Body = "We're running a short survey and need you!\n\n" +
                   "The It Stops Here campaign is about improving the ways we prevent and report sexual harassment, and " +
                   "providing the tools and training that staff need.\n\n" +
                   "If you have ideas for the campaign, [contact the campaign team](/contact).",
            PublishedAt = InLondon(2015, 11, 2, 10),
            IsPublished = true,
        },
        new()
        {
            Slug = "the-hunting-ground-screening-and-q-and-a",
            Title = "Screening of The Hunting Ground and Q&A with director Kirby Dick",
            Summary = "A screening of The Hunting Ground, followed by questions and answers with its director, Kirby Dick, on 20 October at the Waterloo Campus.",
            Body = "Join us for a screening of the documentary *The Hunting Ground*, followed by a question-and-answer " +
                   "session with its director, Kirby Dick.\n\n" +
                   "The film is about sexual assault at universities. If it brings up difficult feelings, " +
                   "[you can find support here](/help).",
            PublishedAt = InLondon(2015, 10, 7, 10),
            IsPublished = true,
            StartsAt = InLondon(2015, 10, 20, 18),
            EndsAt = InLondon(2015, 10, 20, 21),
            Location = "B5 Lecture Theatre, Franklin-Wilkins Building, Waterloo Campus",
        },
        new()
        {
            Slug = "survivors-of-sexual-assault-panel-discussion",
            Title = "Survivors of Sexual Assault panel discussion",
            Summary = "A panel discussion with survivors of sexual assault, on 6 October at the Strand Campus.",
            Body = "Join us for a panel discussion with survivors of sexual assault. It is part of our work to create an " +
                   "inclusive and supportive environment for everyone.\n\n" +
                   "If anything in the discussion brings up difficult feelings, [you can find support here](/help).",
            PublishedAt = InLondon(2015, 9, 29, 10),
            IsPublished = true,
            StartsAt = InLondon(2015, 10, 6, 18),
            EndsAt = InLondon(2015, 10, 6, 21),
            Location = "Room S-3.20, Strand Campus",
        },
    ];
}

using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// Development only: clearly fictional signatures so the counter, feed and chart have something to
/// show. Never the campaign's real signatories. Runs once: only into an empty table.
/// </summary>
public sealed class PledgeDemoSeeder(TimeProvider clock) : IStartupSeeder
{
    private static readonly string[] FirstNames =
        ["Ada", "Sam", "Priya", "Tomasz", "Mei", "Kofi", "Zoë", "Nguyễn", "Aoife", "Olu", "Hana", "Rafael", "Ines", "Jonah", "Leila", "Dev"];

    private static readonly string[] Surnames = ["Example", "Sample", "Placeholder", "Demo", "Testperson", "Fictional", "Madeup", "Specimen"];

    private static readonly (SignatoryType Type, string Name)[] Groups =
    [
        (SignatoryType.Society, "Demo Ultimate Frisbee Society"),
        (SignatoryType.Team, "Example Netball Team"),
        (SignatoryType.Department, "Department of Imaginary Studies"),
        (SignatoryType.Society, "Sample Debating Society"),
        (SignatoryType.Team, "Placeholder Rowing Crew"),
    ];

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Signatures.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var affiliations = Enum.GetValues<Affiliation>();
        var displays = new[] { NameDisplay.FirstNameAndInitial, NameDisplay.FirstNameAndInitial, NameDisplay.FullName, NameDisplay.Hidden };
        const int total = 64;
        var signatures = new List<Signature>(total);
        for (var i = 0; i < total; i++)
        {
            var signedAt = now.AddDays(-90 + (90.0 * i / total)).AddMinutes(i * 7 % 300);
            var isGroup = i % 13 == 5;
            var group = Groups[i % Groups.Length];
            var name = isGroup ? group.Name : $"{FirstNames[i % FirstNames.Length]} {Surnames[i % Surnames.Length]}";
            var signature = new NewSignature
            {
                Type = isGroup ? group.Type : SignatoryType.Individual,
                Name = name,
                Affiliation = isGroup ? null : affiliations[i % affiliations.Length],
                Detail = i % 5 == 0 ? "Demo data" : null,
                Email = $"demo{i + 1}@example.invalid",
                Actions = (PledgeActions)(1 + (i % 15)),
                NameDisplay = isGroup ? NameDisplay.FullName : displays[i % displays.Length],
                SignedAt = signedAt,
            };
            signatures.Add(SignatureColumns.ToEntity(signature, number: i + 1, publishedAt: signedAt));
        }

        db.Signatures.AddRange(signatures);
        var state = await db.PledgeStates.SingleAsync(s => s.Id == PledgeState.SingletonId, cancellationToken);
        state.LastNumber = Math.Max(state.LastNumber, total);
        await db.SaveChangesAsync(cancellationToken);
    }
}

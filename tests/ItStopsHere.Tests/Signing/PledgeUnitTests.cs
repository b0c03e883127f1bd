using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Tests.Signing;

public class PledgeTextTests
{
    [Theory]
    [InlineData("Zoë", true)]
    [InlineData("Nguyễn Văn An", true)]
    [InlineData("O'Callaghan", true)]
    [InlineData("李华", true)]
    [InlineData("Jean-Luc St. Pierre", true)]
    [InlineData("Sam2", false)]
    [InlineData("Sam_Example", false)]
    [InlineData("😀", false)]
    [InlineData("'-.", false)]
    public void IsValidName_ForAPerson(string name, bool valid) => Assert.Equal(valid, PledgeText.IsValidName(name, isGroup: false));

    [Theory]
    [InlineData("Class of 2016", true)]
    [InlineData("Nursing & Midwifery Society", true)]
    [InlineData("Imaginary Studies (Undergraduate), Example", true)]
    [InlineData("Society <b>", false)]
    public void IsValidName_ForAGroup(string name, bool valid) => Assert.Equal(valid, PledgeText.IsValidName(name, isGroup: true));

    [Theory]
    [InlineData("http://spam.example", true)]
    [InlineData("visit www.example", true)]
    [InlineData("bit.ly", true)]
    [InlineData("javascript:alert(1)", true)]
    [InlineData("Dept. of Music", false)]
    [InlineData("MSc Nursing", false)]
    [InlineData("King's College London", false)]
    public void LooksLikeUrl(string text, bool expected) => Assert.Equal(expected, PledgeText.LooksLikeUrl(text));

    [Fact]
    public void LooksLikeUrl_OnLongText_IsQuick()
    {
        // A long run of letters must not make the pattern backtrack (the regex has a timeout; this must not hit it).
        Assert.False(PledgeText.LooksLikeUrl(new string('a', 16_000)));
    }

    [Theory]
    [InlineData("name@example.ac.uk", true)]
    [InlineData("first.last+tag@sub.example.co.uk", true)]
    [InlineData("zoë@exämple.de", true)]
    [InlineData("@example.ac.uk", false)]
    [InlineData("name@", false)]
    [InlineData("name@example", false)]
    [InlineData("name@-example.com", false)]
    [InlineData("na..me@example.com", false)]
    [InlineData("name@exa mple.com", false)]
    [InlineData("name@example.c0m", false)]
    public void IsValidEmail(string email, bool valid) => Assert.Equal(valid, PledgeText.IsValidEmail(email));

    [Theory]
    [InlineData("a\u202Eb", true)]
    [InlineData("a\u2067b", true)]
    [InlineData("a\u200Bb", true)]
    [InlineData("a\u0000b", true)]
    [InlineData("a\nb", true)]
    [InlineData("a\uE000b", true)]
    [InlineData("می\u200Cخواهم", false)]
    [InlineData("Zoë", false)]
    public void HasForbiddenCharacters(string text, bool forbidden) => Assert.Equal(forbidden, PledgeText.HasForbiddenCharacters(text));

    [Fact]
    public void HasForbiddenCharacters_LoneSurrogate_IsForbidden() =>
        Assert.True(PledgeText.HasForbiddenCharacters("a" + (char)0xD800 + "b"));

    [Fact]
    public void Normalise_TrimsAndComposes() => Assert.Equal("Zoë", PledgeText.Normalise("  Zoe\u0308\t"));

    [Fact]
    public void Normalise_BrokenText_IsReturnedForTheValidatorToRefuse() =>
        Assert.Equal("a" + (char)0xD800, PledgeText.Normalise(" a" + (char)0xD800 + " "));
}

public class SignatureDisplayTests
{
    private static SignatureFacts Facts(string name, NameDisplay display, SignatoryType type = SignatoryType.Individual, Affiliation? affiliation = Affiliation.Student, string? detail = null) =>
        new(1088, type, name, display, affiliation, detail, PledgeActions.TalkAboutIt, new DateTimeOffset(2016, 4, 27, 22, 30, 0, TimeSpan.Zero));

    [Fact]
    public void FirstNameAndInitial_IsTheDefaultShape() =>
        Assert.Equal("Madeleine E.", Facts("Madeleine Example", NameDisplay.FirstNameAndInitial).ToPublic().DisplayName);

    [Theory]
    [InlineData("Aoife o'Example", "Aoife O.")]
    [InlineData("Zoë ångström", "Zoë Å.")]
    [InlineData("李华", "李华")]
    [InlineData("Cher", "Cher")]
    public void FirstNameAndInitial_Cases(string name, string shown) => Assert.Equal(shown, SignatureDisplay.FirstNameAndInitial(name));

    [Fact]
    public void FullName_WithDetail_ShowsAffiliationAndDetail()
    {
        var shown = Facts("Madeleine Example", NameDisplay.FullName, detail: "MSc Nursing").ToPublic();

        Assert.Equal("Madeleine Example", shown.DisplayName);
        Assert.Equal("Student, MSc Nursing", shown.Description);
        Assert.Equal("1,088", shown.NumberText);
        Assert.Equal("27 Apr 2016", shown.DateText); // 23:30 in London is still the 27th
    }

    [Theory]
    [InlineData(SignatoryType.Individual, Affiliation.Student, "A student")]
    [InlineData(SignatoryType.Individual, Affiliation.Staff, "A member of staff")]
    [InlineData(SignatoryType.Society, null, "A society")]
    [InlineData(SignatoryType.Team, null, "A team")]
    [InlineData(SignatoryType.Department, null, "A department")]
    public void Hidden_ShowsOnlyTheKindOfSignatory(SignatoryType type, Affiliation? affiliation, string shown)
    {
        var signature = Facts("Secret Example", NameDisplay.Hidden, type, affiliation, detail: "Tiny Course").ToPublic();

        Assert.Equal(shown, signature.DisplayName);
        Assert.Equal("", signature.Description);
    }

    [Fact]
    public void Group_IsShownByItsFullName() =>
        Assert.Equal("Example Netball Club", Facts("Example Netball Club", NameDisplay.FirstNameAndInitial, SignatoryType.Team, null).ToPublic().DisplayName);
}

public class SignatureChartTests
{
    [Fact]
    public void From_ShortSpan_IsDailyWithGapsFilled()
    {
        var chart = SignatureChart.From([(new DateOnly(2026, 1, 1), 3), (new DateOnly(2026, 1, 4), 2)]);

        Assert.False(chart.IsMonthly);
        Assert.Equal([3L, 0, 0, 2], chart.Periods.Select(p => p.Added));
        Assert.Equal([3L, 3, 3, 5], chart.Periods.Select(p => p.Total));
        Assert.Equal("1 Jan 2026", chart.Periods[0].Label);
        Assert.Equal(4, chart.LinePoints().Split(' ').Length);
    }

    [Fact]
    public void From_LongSpan_IsMonthly()
    {
        var chart = SignatureChart.From([(new DateOnly(2025, 10, 5), 10), (new DateOnly(2025, 10, 20), 5), (new DateOnly(2026, 2, 1), 1)]);

        Assert.True(chart.IsMonthly);
        Assert.Equal(["Oct 2025", "Nov 2025", "Dec 2025", "Jan 2026", "Feb 2026"], chart.Periods.Select(p => p.Label));
        Assert.Equal(16, chart.Periods[^1].Total);
        Assert.Equal(20, chart.AxisMax);
    }

    [Fact]
    public void From_Nothing_HasNoPeriods() => Assert.Empty(SignatureChart.From([]).Periods);
}

public class ClientHasherTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    public void NetworkOf_GroupsIpv6ByItsSlash64(string address, string network) =>
        Assert.Equal(network, ClientHasher.NetworkOf(IPAddress.Parse(address)));

    [Fact]
    public void Hash_IsKeyedStableAndNeverTheAddress()
    {
        using var connection = OpenDatabase();
        var one = Hasher(Convert.ToBase64String(new byte[32]), connection);
        var same = Hasher(Convert.ToBase64String(new byte[32]), connection);
        var other = Hasher(Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()), connection);
        var address = IPAddress.Parse("198.51.100.7");

        Assert.Equal(one.Hash(address), same.Hash(address));
        Assert.NotEqual(one.Hash(address), other.Hash(address));
        Assert.NotEqual(one.Hash(address), one.Hash(IPAddress.Parse("198.51.100.8")));
        Assert.Equal(one.Hash(IPAddress.Parse("2001:db8::1")), one.Hash(IPAddress.Parse("2001:db8::2")));
        Assert.DoesNotContain("198", one.Hash(address), StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_WithoutConfiguredKey_GeneratesOneOnceAndKeepsIt()
    {
        using var connection = OpenDatabase();
        var first = Hasher(null, connection);
        var stored = StoredKey(connection);
        var second = Hasher(null, connection);

        Assert.NotNull(stored);
        Assert.Equal(stored, StoredKey(connection));
        Assert.Equal(first.Hash(IPAddress.Loopback), second.Hash(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Initialize_WithBadConfiguredKey_RefusesToStart(string key)
    {
        using var connection = OpenDatabase();

        Assert.Throws<InvalidOperationException>(() => Hasher(key, connection));
    }

    private static ClientHasher Hasher(string? key, SqliteConnection connection)
    {
        var hasher = new ClientHasher(Options.Create(new PledgeOptions { ClientHashKey = key }), new EphemeralDataProtectionProviderHolder().Provider);
        hasher.Initialize(connection);
        return hasher;
    }

    private static string? StoredKey(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"ProtectedClientHashKey\" FROM \"PledgeState\"";
        return command.ExecuteScalar() as string;
    }

    private static SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE \"PledgeState\" (\"Id\" INTEGER PRIMARY KEY, \"LastNumber\" INTEGER NOT NULL, \"ProtectedClientHashKey\" TEXT NULL); INSERT INTO \"PledgeState\" VALUES (1, 0, NULL);";
        create.ExecuteNonQuery();
        return connection;
    }

    /// <summary>One Data Protection key ring shared by every hasher in a test, as in one app.</summary>
    private sealed class EphemeralDataProtectionProviderHolder
    {
        private static readonly IDataProtectionProvider Shared = new EphemeralDataProtectionProvider();

        public IDataProtectionProvider Provider => Shared;
    }
}

public class PledgeDemoSeederTests
{
    private static readonly string[] FictionalSurnames = ["Example", "Sample", "Placeholder", "Demo", "Testperson", "Fictional", "Madeup", "Specimen"];

    [Fact]
    public async Task Seed_AddsClearlyFictionalSignaturesOnce()
    {
        await using var factory = new SiteFactory();
        var seeder = new PledgeDemoSeeder(TimeProvider.System);

        await factory.WithDbAsync(async db => { await seeder.SeedAsync(db, CancellationToken.None); return 0; });
        await factory.WithDbAsync(async db => { await seeder.SeedAsync(db, CancellationToken.None); return 0; });

        var rows = await factory.WithDbAsync(db => db.Signatures.ToListAsync());
        Assert.Equal(64, rows.Count);
        Assert.Equal(Enumerable.Range(1, 64).Select(n => (long?)n), rows.Select(r => r.Number).Order());
        Assert.All(rows.Where(r => r.SignatoryType == SignatoryType.Individual), r =>
            Assert.Contains(r.Name.Split(' ')[^1], FictionalSurnames));
        Assert.All(rows, r => Assert.EndsWith("@example.invalid", r.Email, StringComparison.Ordinal));
        Assert.Equal(64, await factory.WithDbAsync(db => db.PledgeStates.Select(s => s.LastNumber).SingleAsync()));
    }

    [Fact]
    public void Seeder_IsRegisteredOnlyInDevelopment()
    {
        using var factory = new SiteFactory();
        using var scope = factory.Services.CreateScope();

        Assert.DoesNotContain(scope.ServiceProvider.GetServices<IStartupSeeder>(), s => s is PledgeDemoSeeder);
    }
}

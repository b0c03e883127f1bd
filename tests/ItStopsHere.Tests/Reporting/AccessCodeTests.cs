using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Tests.Reporting;

public class AccessCodeTests
{
    [Fact]
    public void Alphabet_Has32DistinctUnambiguousCharacters_SoACodeHolds80Bits()
    {
        Assert.Equal(32, AccessCode.Alphabet.Distinct().Count());
        Assert.Equal(AccessCode.Alphabet.Length, AccessCode.Alphabet.Length);
        foreach (var lookalike in "0O1Il")
        {
            Assert.DoesNotContain(lookalike, AccessCode.Alphabet);
        }

        Assert.True(AccessCode.Length * Math.Log2(AccessCode.Alphabet.Length) >= 80);
        Assert.Equal(80, AccessCode.BitsOfEntropy);
    }

    [Fact]
    public void Create_GivesFourGroupsOfFour_FromTheAlphabet_AndNeverRepeats()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => AccessCode.Create()).ToList();

        Assert.All(codes, code => Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code));
        Assert.All(codes, code => Assert.All(code.Replace("-", "", StringComparison.Ordinal), c => Assert.Contains(c, AccessCode.Alphabet)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Create_UsesEveryCharacterRoughlyEvenly()
    {
        // 32,000 characters: each of the 32 should appear about 1,000 times; a broken generator (e.g. modulo
        // bias or a stuck position) would be far off. The bounds are wide so the test is never flaky.
        var counts = Enumerable.Range(0, 2000).SelectMany(_ => AccessCode.Create().Replace("-", "", StringComparison.Ordinal)).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(32, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 700, 1300));
    }

    [Theory]
    [InlineData("abcd-efgh-jkmn-pqrs", "ABCDEFGHJKMNPQRS")]
    [InlineData(" ABCD EFGH JKMN PQRS ", "ABCDEFGHJKMNPQRS")]
    [InlineData("ABCDEFGHJKMNPQRS", "ABCDEFGHJKMNPQRS")]
    public void Normalise_AcceptsTheCodeAsPeopleTypeIt(string typed, string expected) =>
        Assert.Equal(expected, AccessCode.Normalise(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKMN")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-T")]
    [InlineData("ABCD-EFGH-JKMN-PQR0")]
    [InlineData("ABCD-EFGH-JKMN-PQRI")]
    [InlineData("ABCD-EFGH-JKMN-PQR'")]
    public void Normalise_RefusesWhatCannotBeACode(string? typed) =>
        Assert.Null(AccessCode.Normalise(typed));

    [Fact]
    public void Hash_IsKeyed_SoTheSameCodeHashesDifferentlyUnderAnotherKey()
    {
        var code = AccessCode.Normalise(AccessCode.Create())!;
        var one = AccessCode.Hash(ReportCrypto.NewDataKey(), code);
        var two = AccessCode.Hash(ReportCrypto.NewDataKey(), code);

        Assert.NotEqual(one, two);
        Assert.Equal(64, one.Length);
        Assert.DoesNotContain(code, one, StringComparison.OrdinalIgnoreCase);
    }
}

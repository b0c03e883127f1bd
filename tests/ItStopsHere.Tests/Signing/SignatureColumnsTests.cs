using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ItStopsHere.Tests.Signing;

/// <summary>
/// <see cref="SignatureColumns"/>, the hand-written description of a signature row that the raw SQL
/// uses, matches the EF model: same columns, and a row it inserts reads back through EF as the entity
/// it describes.
/// </summary>
public class SignatureColumnsTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Fact]
    public void ColumnList_IsTheEfModelsColumnList()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        var entity = db.Model.FindEntityType(typeof(Signature))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());

        Assert.Equal(SignatureColumns.Table, entity.GetTableName());
        Assert.Equal(
            entity.GetProperties().Select(p => p.GetColumnName(table)!).Order(StringComparer.Ordinal),
            SignatureColumns.Names.Order(StringComparer.Ordinal));
        // The insert names only real columns, and never the ones SQLite or later changes fill in.
        Assert.Subset(SignatureColumns.Names.ToHashSet(), SignatureColumns.InsertedNames.ToHashSet());
        Assert.DoesNotContain("Id", SignatureColumns.InsertedNames);
    }

    [Fact]
    public async Task InsertedRow_ReadsBackThroughEf_AsTheEntityItDescribes()
    {
        _ = factory.Services; // starts the app, which migrates
        var signature = new NewSignature
        {
            Type = SignatoryType.Individual,
            Name = "Columns Tester",
            Affiliation = Affiliation.Staff,
            Detail = "War Studies",
            Email = "Columns.Tester@Example.ac.uk",
            Actions = PledgeActions.TalkAboutIt | PledgeActions.FrontlineTraining,
            NameDisplay = NameDisplay.FullName,
            ClientHash = "c0ffee",
            InitialStatus = SignatureStatus.Published,
            SignedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123),
            Link = PersonalLink.Create(),
        };
        var publishedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_456);

        long id;
        SignatureFacts facts;
        await using (var connection = TestDatabase.OpenForWriting(factory.DatabasePath))
        {
            await using var insert = SignatureColumns.PrepareInsert(connection);
            SignatureColumns.BindInsert(insert, signature, 424_242, publishedAt);
            id = (long)(await insert.ExecuteScalarAsync())!;
            await using var select = connection.CreateCommand();
            select.CommandText = $"""SELECT {SignatureColumns.FactsSql} FROM "Signatures" WHERE "Id" = {id}""";
            await using var reader = await select.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            facts = SignatureColumns.ReadFacts(reader);
        }

        var stored = await factory.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.Id == id));
        var expected = SignatureColumns.ToEntity(signature, 424_242, publishedAt);
        expected.Id = id;
        Assert.Equivalent(expected, stored, strict: true);
        Assert.Equal(signature.ToFacts(424_242), facts);
        Assert.Equal("columns.tester@example.ac.uk", stored.NormalizedEmail);
        Assert.Equal(signature.Link!.Hash, stored.ManageTokenHash);
    }
}

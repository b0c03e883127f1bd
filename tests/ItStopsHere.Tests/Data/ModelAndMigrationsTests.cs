using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Data;

/// <summary>The EF model and the migrations agree: a model change always comes with its migration.</summary>
public class ModelAndMigrationsTests
{
    [Fact]
    public void Model_HasNoChangesWithoutAMigration()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The EF model has changed since the last migration: add one (dotnet-ef migrations add Name --project src/ItStopsHere.Web -o Data/Migrations).");
    }
}

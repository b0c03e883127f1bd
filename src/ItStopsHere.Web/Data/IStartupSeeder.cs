using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Adds content on start-up: first-run campaign content in every environment, and clearly fictional
/// demo data in Development. Each seeder must be idempotent: it runs on every start.
/// </summary>
public interface IStartupSeeder
{
    Task SeedAsync(AppDbContext db, CancellationToken cancellationToken);
}

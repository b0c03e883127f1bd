using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add Name --context PostgreSqlAppDbContext -o Data/Migrations/PostgreSql</c>
/// build the PostgreSQL model without a server: adding a migration never connects.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql("Host=localhost;Database=itstopshere_design", npgsql => npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .Options);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add Name --context AppDbContext -o Data/Migrations</c> build SQLite's model.
/// Without it, EF Core's design-time tools would take <see cref="PostgreSqlDesignTimeFactory"/> for
/// <see cref="AppDbContext"/> too (the factory interface is covariant) and write a PostgreSQL migration
/// into SQLite's folder.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite("Data Source=design.db", sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .Options);
}

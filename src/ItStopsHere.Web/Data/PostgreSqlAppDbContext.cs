using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Data;

/// <summary>
/// <see cref="AppDbContext"/> on PostgreSQL: the same model, which features still inject as
/// <see cref="AppDbContext"/>. It is a type of its own only so that EF Core keeps a second migration set
/// for it (<c>Data/Migrations/PostgreSql</c>, attributed to this type) beside SQLite's (attributed to
/// <see cref="AppDbContext"/>), and a model of its own where the engines differ:
/// <list type="bullet">
/// <item>SQLite's <c>NOCASE</c> collation on an outbox recipient is PostgreSQL's ICU collation
/// <c>und-u-ks-level2</c>, non-deterministic: equal regardless of case, as before.</item>
/// </list>
/// The append-only audit log and the immutable published page versions are guarded by PostgreSQL trigger
/// functions, created by the initial PostgreSQL migration (<see cref="AuditLogSchema.PostgreSqlCreateTriggersSql"/>,
/// <see cref="ContentVersionSchema.PostgreSqlCreateTriggersSql"/>).
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<AppDbContext> options) : AppDbContext(options)
{
    /// <summary>The case-insensitive collation that stands for SQLite's <c>NOCASE</c>.</summary>
    public const string CaseInsensitiveCollation = "case_insensitive";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasCollation(CaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        modelBuilder.Entity<OutboxMessage>().Property(m => m.ToAddress).UseCollation(CaseInsensitiveCollation);
    }
}

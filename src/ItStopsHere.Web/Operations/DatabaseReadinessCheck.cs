using ItStopsHere.Web.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// Readiness of the data: the database file opens (without being created if it has gone), every
/// migration this release knows is applied, and no email has been due for longer than
/// <see cref="HealthOptions.OutboxStuckAfter"/> without the sender taking it. Emails waiting out a
/// retry after a mail-server failure are not "stuck": they are not due yet.
/// </summary>
public sealed class DatabaseReadinessCheck(
    DatabaseFileLocation database, AppDbContext db, IOptions<HealthOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!database.IsPostgreSql && !File.Exists(database.File))
        {
            return HealthCheckResult.Unhealthy("The database file is missing.");
        }

        try
        {
            await using var connection = await database.OpenForReadingAsync(cancellationToken);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var pending = db.Database.GetMigrations().Count(m => !applied.Contains(m));
            if (pending > 0)
            {
                return HealthCheckResult.Unhealthy($"{pending} migration(s) not applied: run migrate.");
            }

            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """SELECT min("NextAttemptAt") FROM "OutboxMessages" WHERE "Status" = 'Pending'""";
                if (await command.ExecuteScalarAsync(cancellationToken) is long oldestDue)
                {
                    var overdue = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(oldestDue);
                    if (overdue > options.Value.OutboxStuckAfter)
                    {
                        return HealthCheckResult.Unhealthy($"An email has been due for {(long)overdue.TotalMinutes} minute(s) and the sender has not taken it.");
                    }
                }
            }

            return HealthCheckResult.Healthy();
        }
        catch (DbException ex)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", ex);
        }
    }
}

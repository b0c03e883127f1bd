using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Re-wraps every report's data key (and the access-code key) from one key-encryption key to another, in
/// one transaction, without decrypting any report's content: only the 32-byte keys pass through memory.
/// SQLite's <c>secure_delete</c> overwrites the old wrapped keys in the file. Once the site uses the new
/// key and the old one is destroyed, no earlier backup can be read, even for reports deleted since.
/// </summary>
public static class ReportKeyRotation
{
    public static async Task<int> RotateAsync(AppDbContext db, KeyEncryptionKey from, KeyEncryptionKey to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON;", cancellationToken);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var count = 0;
            foreach (var key in await db.ReportKeys.ToListAsync(cancellationToken))
            {
                if (key.KekId == to.Id)
                {
                    continue;
                }

                if (key.KekId != from.Id)
                {
                    throw new InvalidOperationException($"A report key is wrapped under key {key.KekId}, neither the current ({from.Id}) nor the new one ({to.Id}). Nothing was changed.");
                }

                var dataKey = ReportCrypto.UnwrapKey(from, key.ReportId, key.Wrapped);
                key.Wrapped = ReportCrypto.WrapKey(to, key.ReportId, dataKey);
                key.KekId = to.Id;
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(dataKey);
                count++;
            }

            foreach (var secret in await db.ReportingSecrets.Where(s => s.KekId == from.Id).ToListAsync(cancellationToken))
            {
                var value = ReportCrypto.UnwrapSecret(from, secret.Name, secret.Wrapped);
                secret.Wrapped = ReportCrypto.WrapSecret(to, secret.Name, value);
                secret.KekId = to.Id;
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(value);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=OFF;", cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            }

            return count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

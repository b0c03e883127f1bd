using System.Security.Cryptography;
using System.Text;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Reporting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Reporting;

/// <summary>
/// What a copy of the disk would show: a unique marker written in a report and a message is nowhere in
/// the database file, its write-ahead log, the captured logs or the mail folder; after deletion the
/// stored ciphertext cannot be decrypted even with the key-encryption key.
/// </summary>
public class ReportAtRestTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static bool FileHolds(string path, byte[] needle) =>
        File.Exists(path) && File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;

    // SQLite only: searches the bytes of the SQLite file and its WAL (secure_delete, checkpoint).
    [Trait("Provider", "SqliteOnly")]
    [Fact]
    public async Task Marker_IsAbsentFromDatabaseWalLogsAndMail_AndDeletedCiphertextCannotBeRead()
    {
        await factory.StaffAsync(StaffRoles.CaseManager);
        var marker = "ATREST" + Guid.NewGuid().ToString("N");
        var client = factory.CreateBrowserLikeClient();
        var code = await client.ReportAnonymouslyAsync(marker + " story");
        using (var wrote = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/follow-up", "reply"), [new("Reply.Text", marker + " reply")]))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, wrote.StatusCode);
        }

        var id = await factory.LatestReportIdAsync();
        var stored = await factory.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Key).SingleAsync(r => r.Id == id));
        var wrapped = stored.Key!.Wrapped;

        var needles = new[] { Encoding.UTF8.GetBytes(marker), Encoding.Unicode.GetBytes(marker), Encoding.UTF8.GetBytes(AccessCode.Normalise(code)!), Encoding.UTF8.GetBytes(code) };
        foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" })
        {
            foreach (var needle in needles)
            {
                Assert.False(FileHolds(file, needle), $"{Path.GetFileName(file)} holds the marker or the code");
            }
        }

        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(marker, StringComparison.Ordinal) || line.Contains(AccessCode.Normalise(code)!, StringComparison.Ordinal) || line.Contains(code, StringComparison.Ordinal));
        if (Directory.Exists(factory.MailFolder))
        {
            Assert.All(Directory.GetFiles(factory.MailFolder), file => Assert.DoesNotContain(marker, File.ReadAllText(file), StringComparison.Ordinal));
        }

        // The key-encryption key opens it now...
        var keys = factory.Services.GetRequiredService<ReportKeyRing>();
        var dataKey = ReportCrypto.UnwrapKey(keys.Kek, id, wrapped);
        Assert.Contains(marker, ReportCrypto.Decrypt(dataKey, id, ReportStore.PayloadField, stored.Payload), StringComparison.Ordinal);

        // ...then the reporter deletes it: the wrapped key is gone from the table and from the file's bytes.
        using (var deleted = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/follow-up/delete"), []))
        {
            Assert.Equal("/report/deleted", deleted.Headers.Location!.OriginalString);
        }

        Assert.False(await factory.WithDbAsync(db => db.ReportKeys.AnyAsync(k => k.ReportId == id)));
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" })
        {
            Assert.False(FileHolds(file, wrapped), $"{Path.GetFileName(file)} still holds the deleted report's wrapped key");
            Assert.False(FileHolds(file, stored.Payload[..32]), $"{Path.GetFileName(file)} still holds the deleted report's ciphertext");
        }

        // Even someone who kept the ciphertext (say, in an old backup) cannot open it with the KEK alone:
        // without the data key, AES-GCM refuses every guess; the wrapped key row no longer exists to unwrap.
        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.Decrypt(ReportCrypto.NewDataKey(), id, ReportStore.PayloadField, stored.Payload));
        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.Decrypt(keys.Kek.Bytes, id, ReportStore.PayloadField, stored.Payload));
    }

    [Fact]
    public async Task RotateKey_RewrapsEveryKey_WithoutChangingTheCiphertext_AndCodesStillWork()
    {
        var client = factory.CreateBrowserLikeClient();
        var code = await client.ReportAnonymouslyAsync("rotation story");
        var id = await factory.LatestReportIdAsync();
        var before = await factory.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Key).SingleAsync(r => r.Id == id));
        var keys = factory.Services.GetRequiredService<ReportKeyRing>();
        var oldKek = keys.Kek;
        var newKek = KeyEncryptionKey.CreateRandom();

        var count = await factory.WithDbAsync(db => ReportKeyRotation.RotateAsync(db, oldKek, newKek, CancellationToken.None));

        Assert.True(count >= 1);
        var after = await factory.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Key).SingleAsync(r => r.Id == id));
        Assert.Equal(before.Payload, after.Payload);
        Assert.Equal(newKek.Id, after.Key!.KekId);
        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.UnwrapKey(oldKek, id, after.Key.Wrapped));
        var dataKey = ReportCrypto.UnwrapKey(newKek, id, after.Key.Wrapped);
        Assert.Equal("rotation story", System.Text.Json.JsonDocument.Parse(ReportCrypto.Decrypt(dataKey, id, ReportStore.PayloadField, after.Payload)).RootElement.GetProperty("story").GetString());

        // Back again, so the running app (which holds the old key) and the other tests keep working.
        await factory.WithDbAsync(db => ReportKeyRotation.RotateAsync(db, newKek, oldKek, CancellationToken.None));
        keys.Forget();
        using var opened = await factory.CreateBrowserLikeClient().EnterCodeAsync(code);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, opened.StatusCode);
    }
}

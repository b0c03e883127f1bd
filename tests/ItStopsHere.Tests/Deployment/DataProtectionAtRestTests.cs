using System.Security.Cryptography;
using ItStopsHere.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Deployment;

/// <summary>
/// The Data Protection keys live in the database. With <c>DataProtection:CertificatePath</c> set they are
/// stored encrypted to that certificate: the database alone does not hold a usable key, the same
/// certificate reads them back after a restart, and another certificate cannot.
/// </summary>
public sealed class DataProtectionAtRestTests : IDisposable
{
    private const string Password = "a long and unguessable password";
    private const string Purpose = "ItStopsHere.Tests.AtRest";

    private static readonly string HashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly string _folder = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "itstopshere-tests", "dp-" + Guid.NewGuid().ToString("N"))).FullName;

    private readonly string _database = SiteFactory.NewDatabasePath();

    // SQLite only: reads the stored keys from the SQLite file.
    [Trait("Provider", "SqliteOnly")]
    [Fact]
    public async Task WithACertificate_StoredKeysAreEncrypted_AndReadBackOnlyWithThatCertificate()
    {
        var certificate = WriteCertificate("dp.pfx");
        string protectedValue;
        await using (var first = WithCertificate(SiteFactory.OnDatabase(_database), certificate))
        {
            protectedValue = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("kept");
            using var page = await first.CreateBrowserLikeClient().GetAsync("/pledge");
            page.EnsureSuccessStatusCode();
        }

        var keys = StoredKeys();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });

        // A restart with the same certificate reads what was protected before it.
        await using (var again = WithCertificate(SiteFactory.OnDatabase(_database), certificate))
        {
            Assert.Equal("kept", again.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedValue));
        }

        // The database with another certificate (the first one lost): nothing protected before can be read.
        await using var other = WithCertificate(SiteFactory.OnDatabase(_database), WriteCertificate("other.pfx"));
        var protector = other.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(protectedValue));
    }

    // SQLite only: reads the stored keys from the SQLite file.
    [Trait("Provider", "SqliteOnly")]
    [Fact]
    public async Task WithoutACertificate_OutsideProduction_KeysAreStoredInTheClear()
    {
        // The control for the test above: this is what the certificate prevents (Production refuses it).
        await using (var site = SiteFactory.OnDatabase(_database))
        {
            using var page = await site.CreateBrowserLikeClient().GetAsync("/pledge");
            page.EnsureSuccessStatusCode();
        }

        Assert.Contains(StoredKeys(), xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    /// <summary>
    /// With the client-hash key configured, as Production requires. (Without it the site keeps a generated
    /// key in the database protected with Data Protection, and with the certificate lost it could not start.)
    /// </summary>
    private static SiteFactory WithCertificate(SiteFactory factory, string path) =>
        factory.With("DataProtection:CertificatePath", path).With("DataProtection:CertificatePassword", Password)
            .With("Pledge:ClientHashKey", HashKey);

    private string WriteCertificate(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, DataProtectionCertificates.CreatePfx(Password));
        return path;
    }

    private List<string> StoredKeys()
    {
        using var connection = new SqliteConnection($"Data Source={_database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Xml" FROM "DataProtectionKeys" """;
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public void Dispose()
    {
        SiteFactory.DeleteDatabase(_database);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Infrastructure;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Deployment;

/// <summary>
/// The real app, as `dotnet ItStopsHere.Web.dll` in Production, with settings as an operator would give
/// them: secrets as files in systemd's credentials folder, the rest in the environment. With everything
/// right it starts; with any one setting wrong it exits 78 before touching the database, naming the setting.
/// </summary>
public sealed class ProductionStartupTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly string _folder = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "itstopshere-tests", "production-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task Production_WithEverySettingRight_StartsAndServes()
    {
        var (exitCode, said, served) = await RunAsync(GoodSettings());
        Assert.True(served, $"The app should have started (exit {exitCode}):\n{said}");
        Assert.DoesNotContain("No XML encryptor configured", said, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Campaign:SiteUrl=http://localhost:5000", "Campaign:SiteUrl")]
    [InlineData("Campaign:SiteUrl=http://itstopshere.example.ac.uk", "Campaign:SiteUrl")]
    [InlineData("Campaign:SiteUrl=https://127.0.0.1", "Campaign:SiteUrl")]
    [InlineData("Pledge:ClientHashKey=", "Pledge:ClientHashKey")]
    [InlineData("Pledge:ClientHashKey=c2hvcnQ=", "Pledge:ClientHashKey")]
    [InlineData("DataProtection:CertificatePath=", "DataProtection:CertificatePath")]
    [InlineData("DataProtection:CertificatePassword=wrong", "DataProtection:CertificatePassword")]
    [InlineData("Pledge:Benchmark:StorageMode=Naive", "Pledge:Benchmark:StorageMode")]
    [InlineData("DetailedErrors=true", "DetailedErrors")]
    [InlineData("Email:Host=smtp.example.ac.uk;Email:TlsMode=None", "Email:TlsMode")]
    [InlineData("ForwardedHeaders:KnownProxies:0=", "ForwardedHeaders:KnownProxies")]
    [InlineData("ForwardedHeaders:KnownNetworks:0=0.0.0.0/0", "ForwardedHeaders:KnownNetworks")]
    public async Task Production_WithOneSettingWrong_RefusesToStartNamingIt(string change, string named)
    {
        var settings = GoodSettings();
        foreach (var pair in change.Split(';'))
        {
            var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            // A secret lives in the credentials folder: change it there, as an operator would.
            var file = Path.Combine(_folder, "credentials", key.Replace(":", "__", StringComparison.Ordinal));
            if (File.Exists(file))
            {
                File.WriteAllText(file, value + "\n");
            }
            else
            {
                settings[key] = value;
            }
        }

        var (exitCode, said, served) = await RunAsync(settings);
        output.WriteLine(said);
        Assert.False(served, "The app started with " + change);
        Assert.Equal(ProductionReadiness.ExitCode, exitCode);
        Assert.Contains("will not start in Production: 1 setting(s)", said, StringComparison.Ordinal);
        Assert.Contains(named, said, StringComparison.Ordinal);
        Assert.False(File.Exists(settings["ConnectionStrings:Default"]["Data Source=".Length..]), "The refused app created its database.");
    }

    [Fact]
    public async Task Production_OutOfTheBox_ListsEveryMissingSetting()
    {
        var (exitCode, said, _) = await RunAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_folder, "site.db")}",
        }, credentials: false);
        output.WriteLine(said);
        Assert.Equal(ProductionReadiness.ExitCode, exitCode);
        foreach (var key in new[] { "Campaign:SiteUrl", "Pledge:ClientHashKey", "DataProtection:CertificatePath", "ForwardedHeaders:KnownProxies" })
        {
            Assert.Contains(key, said, StringComparison.Ordinal);
        }
    }

    /// <summary>A Production configuration that passes: secrets in the credentials folder, the rest in the environment.</summary>
    private Dictionary<string, string> GoodSettings()
    {
        var credentials = Directory.CreateDirectory(Path.Combine(_folder, "credentials")).FullName;
        File.WriteAllText(Path.Combine(credentials, "Pledge__ClientHashKey"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        File.WriteAllText(Path.Combine(credentials, "DataProtection__CertificatePassword"), Password + "\n");
        File.WriteAllBytes(Path.Combine(credentials, "dataprotection.pfx"), DataProtectionCertificates.CreatePfx(Password));
        return new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_folder, "site.db")}",
            ["Email:PickupDirectory"] = Path.Combine(_folder, "mail"),
            ["Campaign:SiteUrl"] = "https://itstopshere.example.ac.uk",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["DataProtection:CertificatePath"] = Path.Combine(credentials, "dataprotection.pfx"),
            ["Retention:Enabled"] = "false",
        };
    }

    /// <summary>Runs the app until it exits or answers /health (then stops it): exit code, output, whether it served.</summary>
    private async Task<(int ExitCode, string Output, bool Served)> RunAsync(Dictionary<string, string> settings, bool credentials = true)
    {
        var all = new Dictionary<string, string> { ["Serilog:ConsoleFormat"] = "text" };
        if (credentials)
        {
            all["CREDENTIALS_DIRECTORY"] = Path.Combine(_folder, "credentials");
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        await using var app = await AppProcessCore.StartAsync("Production", all, TimeSpan.FromSeconds(60));
        await app.KillAsync();
        return (app.ExitCode, app.Output, app.IsHealthy);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

/// <summary>Self-signed RSA certificates as an operator would make them for Data Protection.</summary>
public static class DataProtectionCertificates
{
    public static byte[] CreatePfx(string password, string name = "It Stops Here Data Protection")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}

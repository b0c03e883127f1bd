using System.Globalization;
using System.Net;
using ItStopsHere.Web.Benchmark;
using ItStopsHere.Web.Email;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// In Production the site refuses to start, before it touches the database, when a setting it needs is
/// missing or is only safe on a developer's machine (and in any environment but <c>Benchmark</c>, when a
/// benchmark switch is set). Each problem names its setting and what to do; the
/// process exits with <see cref="ExitCode"/> (78, EX_CONFIG), which the systemd unit does not restart.
/// Maintenance commands (<c>admin add</c>, ...) are not held to it: they serve no one.
/// </summary>
public static class ProductionReadiness
{
    public const int ExitCode = 78;

    /// <summary>Everything wrong with the settings for Production; empty when the site may start.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        CheckSiteUrl(configuration, problems);
        CheckClientHashKey(configuration, problems);
        CheckDataProtection(configuration, environment, problems);
        CheckDevelopmentSwitches(configuration, environment, problems);
        CheckProxy(configuration, problems);
        CheckReporting(configuration, environment, problems);
        return problems;
    }

    /// <summary>
    /// Writes the problems to standard error and returns true when the app must not start: in Production,
    /// any of <see cref="Problems"/>; in every other environment, a benchmark switch outside the
    /// <c>Benchmark</c> environment (<see cref="BenchmarkStorage"/>). Never called for a maintenance command.
    /// </summary>
    public static bool RefuseToStart(IConfiguration configuration, IHostEnvironment environment, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<string> problems = environment.IsProduction()
            ? Problems(configuration, environment)
            : BenchmarkStorage.Problem(configuration, environment) is { } benchmark ? [benchmark] : [];
        if (problems.Count == 0)
        {
            return false;
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"It Stops Here will not start in {environment.EnvironmentName}: {problems.Count} setting(s) must be fixed first."));
        foreach (var problem in problems)
        {
            error.WriteLine("  - " + problem);
        }

        error.WriteLine(environment.IsProduction()
            ? "See README.md, \"Running in production\" and \"Secrets\"."
            : "See README.md, \"Performance\" (the benchmark).");
        error.Flush();
        return true;
    }

    private static void CheckSiteUrl(IConfiguration configuration, List<string> problems)
    {
        const string key = "Campaign:SiteUrl";
        var value = configuration[key];
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{key} is \"{value}\": set it to the site's public https:// address (share cards, feeds and emails link to it).");
        }
        else if (url.IsLoopback || url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{key} is \"{value}\", a local address: set it to the site's public https:// address.");
        }
    }

    private static void CheckClientHashKey(IConfiguration configuration, List<string> problems)
    {
        const string key = "Pledge:ClientHashKey";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{key} is not set: give it a secret of 32 random bytes in base64 (`openssl rand -base64 32`), "
                + "so the key that hashes signers' IP addresses is kept apart from the database that holds the hashes.");
            return;
        }

        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), bytes, out var length) || length < 32)
        {
            problems.Add($"{key} must be at least 32 bytes in base64 (`openssl rand -base64 32`).");
        }
    }

    private static void CheckDataProtection(IConfiguration configuration, IHostEnvironment environment, List<string> problems)
    {
        if (!DataProtectionCertificate.IsConfigured(configuration))
        {
            problems.Add($"{DataProtectionCertificate.PathKey} is not set: the Data Protection keys in the database would be "
                + "stored unencrypted. Name a .pfx certificate file (its password in "
                + $"{DataProtectionCertificate.PasswordKey}); the README says how to make one.");
            return;
        }

        try
        {
            using var certificate = DataProtectionCertificate.Load(configuration, environment);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }
    }

    private static void CheckDevelopmentSwitches(IConfiguration configuration, IHostEnvironment environment, List<string> problems)
    {
        if (BenchmarkStorage.Problem(configuration, environment) is { } benchmark)
        {
            problems.Add(benchmark);
        }

        if (IsTrue(configuration["DetailedErrors"]))
        {
            problems.Add("DetailedErrors (ASPNETCORE_DETAILEDERRORS) is on: it shows start-up errors and code to visitors. Remove it.");
        }

        var host = configuration["Email:Host"];
        var tls = configuration["Email:TlsMode"];
        if (!string.IsNullOrWhiteSpace(host) && !IsLocal(host)
            && Enum.TryParse<SmtpTlsMode>(tls, ignoreCase: true, out var tlsMode) && tlsMode is SmtpTlsMode.None or SmtpTlsMode.Auto)
        {
            problems.Add($"Email:TlsMode is {tlsMode} for the remote relay {host}: the password and every email could cross the network "
                + "unencrypted. Use StartTls (port 587) or SslOnConnect (465); None is for a relay on this machine.");
        }
    }

    /// <summary>
    /// The public address is https. Either the app itself listens on https, or a reverse proxy ends TLS
    /// and must be named in ForwardedHeaders, or the app would see every visitor as the proxy, over http.
    /// </summary>
    private static void CheckProxy(IConfiguration configuration, List<string> problems)
    {
        var proxies = NonEmpty(configuration.GetSection("ForwardedHeaders:KnownProxies"));
        var networks = NonEmpty(configuration.GetSection("ForwardedHeaders:KnownNetworks"));
        foreach (var network in networks)
        {
            if (network.EndsWith("/0", StringComparison.Ordinal))
            {
                problems.Add($"ForwardedHeaders:KnownNetworks holds {network}: that believes any client's X-Forwarded-For. Name the proxy's own address or network.");
            }
        }

        if (proxies.Count == 0 && networks.Count == 0 && !ListensOnHttps(configuration))
        {
            problems.Add("ForwardedHeaders:KnownProxies is empty and the app does not listen on https itself: behind a reverse proxy "
                + "that ends TLS (nginx), name the address it connects from (e.g. ForwardedHeaders__KnownProxies__0=127.0.0.1), "
                + "or visitors are all seen as the proxy, over http.");
        }
    }

    /// <summary>Reporting (issue 15) holds the most sensitive data: on only with a key-encryption key that is not in the database.</summary>
    private static void CheckReporting(IConfiguration configuration, IHostEnvironment environment, List<string> problems)
    {
        if (!IsTrue(configuration["Reporting:Enabled"]))
        {
            return;
        }

        var key = configuration["Reporting:Key"];
        var file = configuration["Reporting:KeyFile"];
        try
        {
            if (!string.IsNullOrWhiteSpace(key))
            {
                Reporting.KeyEncryptionKey.FromBase64(key, "Reporting:Key");
            }
            else if (!string.IsNullOrWhiteSpace(file))
            {
                var path = Path.GetFullPath(file, environment.ContentRootPath);
                if (!File.Exists(path))
                {
                    problems.Add($"Reporting:KeyFile names {path}, which does not exist: make it with `reporting rotate-key --new-key-file PATH` on a copy, or `openssl rand -base64 32 > PATH` (mode 600), kept outside the data folder and its backups.");
                }
                else
                {
                    Reporting.KeyEncryptionKey.ReadFile(path);
                }
            }
            else
            {
                problems.Add("Reporting:Enabled is on but there is no key-encryption key: set Reporting:KeyFile (a file outside the data folder and its backups, "
                    + "`openssl rand -base64 32`) or the secret Reporting:Key, or turn reporting off. Reports would otherwise be unreadable or unprotected.");
            }
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }
    }

    private static bool ListensOnHttps(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Any(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (!string.IsNullOrWhiteSpace(configuration["https_ports"]))
        {
            return true;
        }

        return configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e["Url"]?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true);
    }

    private static List<string> NonEmpty(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();

    private static bool IsTrue(string? value) =>
        bool.TryParse(value, out var on) ? on : value?.Trim() == "1";

    private static bool IsLocal(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

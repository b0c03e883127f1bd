using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Data.Sqlite;

namespace ItStopsHere.Tests.Support;

/// <summary>Settings for a signing storm (<see cref="StormSigner"/>), an admin account and database reads, shared by the tests that run the app as a child process.</summary>
internal static class OperationsTestSupport
{
    public const string AdminEmail = "ops-admin@example.ac.uk";
    public const string AdminPassword = "a long fictional passphrase 42";

    /// <summary>A storm from one address: rate limits and the auto-hold rule for bursts out of the way (they would refuse or hold the signings, not publish them).</summary>
    public static Dictionary<string, string> StormSettings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Pledge:MinimumFillTime"] = "00:00:00",
            ["Pledge:RateLimit:Burst"] = "1000000",
            ["Pledge:Moderation:BurstLimit"] = "100000000",
            ["Pledge:RateLimit:PerMinute"] = "1000000",
            ["Pledge:RateLimit:PerHour"] = "10000000",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task AddAdminAsync(string databasePath, Dictionary<string, string> settings)
    {
        var (exit, output, error) = await ChildApp.RunAsync(databasePath, settings, ["admin", "add", "--email", AdminEmail, "--role", "Admin"], AdminPassword);
        Assert.True(exit == 0, $"admin add exited {exit}: {output} {error}");
    }

    /// <summary>Signs in through the real form, keeping cookies by hand (they are Secure); true when sent to /admin.</summary>
    public static async Task<bool> CanSignInAsync(ChildApp app, string email, string password)
    {
        using var client = app.CreateClient();
        using var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';', 2)[0])));
        var form = (IHtmlFormElement)(await page.ReadHtmlAsync()).QuerySelector("main form")!;
        using var response = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/admin";
    }

    public static HashSet<string> SignatureEmails(string databasePath)
    {
        using var connection = TestDatabase.Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"NormalizedEmail\" FROM \"Signatures\"";
        using var reader = command.ExecuteReader();
        var emails = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            emails.Add(reader.GetString(0));
        }

        return emails;
    }

    public static List<long> SignatureNumbers(string databasePath)
    {
        using var connection = TestDatabase.Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Number\" FROM \"Signatures\" ORDER BY \"Number\"";
        using var reader = command.ExecuteReader();
        var numbers = new List<long>();
        while (reader.Read())
        {
            numbers.Add(reader.GetInt64(0));
        }

        return numbers;
    }

    public static string Scalar(string databasePath, string sql)
    {
        using var connection = TestDatabase.Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public static void DeleteDatabase(string databasePath)
    {
        TestDatabase.Drop(databasePath);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(databasePath)!, Path.GetFileName(databasePath) + "*"))
        {
            File.Delete(file);
        }
    }
}

using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Commands;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ItStopsHere.Tests.Commands;

public class AdminAddCommandTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, factory.Services, new StringReader(stdin), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task AdminAdd_WithStrongPasswordOnStdin_AddsAdminWhoCanSignIn()
    {
        var email = $"first.admin.{Guid.NewGuid():N}@example.ac.uk";

        var (exit, output, error) = await RunAsync("orchid tractor velvet canyon\n", "admin", "add", "--email", email, "--role", "admin");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains($"Added {email} as Admin", output, StringComparison.Ordinal);
        await factory.SignedInClientAsync(new TestUser("", email, "orchid tractor velvet canyon", StaffRoles.Admin));
        var entry = (await factory.AllAuditAsync()).Single(e => e.Action == AuditActions.UserAdded && e.Details!.Contains(email, StringComparison.Ordinal));
        Assert.Equal("command line", entry.ActorName);
        Assert.Equal(["Admin"], await factory.RolesOfAsync(entry.RecordId!));
        Assert.DoesNotContain("orchid", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminAdd_EqualsSyntaxAndModeratorRole_Works()
    {
        var email = $"mod.{Guid.NewGuid():N}@example.ac.uk";

        var (exit, _, _) = await RunAsync("orchid tractor velvet canyon", "admin", "add", $"--email={email}", "--role=Moderator");

        Assert.Equal(0, exit);
    }

    [Theory]
    [InlineData("Password2024!", "too common")]
    [InlineData("short one", "at least 12 characters")]
    [InlineData("", "No password was given")]
    public async Task AdminAdd_WeakOrMissingPassword_FailsWithReasonAndAddsNobody(string password, string reason)
    {
        var email = $"weak.{Guid.NewGuid():N}@example.ac.uk";

        var (exit, output, error) = await RunAsync(password + "\n", "admin", "add", "--email", email, "--role", "Admin");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain(await factory.AllAuditAsync(), e => (e.Details ?? "").Contains(email, StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users, u => u.Email == email)));
    }

    [Fact]
    public async Task AdminAdd_ExistingEmail_FailsWithoutChangingIt()
    {
        var existing = await factory.CreateUserAsync(StaffRoles.Moderator);

        var (exit, _, error) = await RunAsync("orchid tractor velvet canyon", "admin", "add", "--email", existing.Email, "--role", "Admin");

        Assert.Equal(1, exit);
        Assert.Contains("already a staff account", error, StringComparison.Ordinal);
        Assert.Equal(["Moderator"], await factory.RolesOfAsync(existing.Id));
    }

    [Theory]
    [InlineData(new[] { "admin", "add", "--role", "Admin" }, "Enter the new user's email address")]
    [InlineData(new[] { "admin", "add", "--email", "a@example.ac.uk", "--role", "Owner" }, "Choose Admin or Moderator")]
    [InlineData(new[] { "admin", "add", "--email" }, "needs a value")]
    [InlineData(new[] { "admin", "add", "--colour", "red" }, "Unknown option: --colour")]
    [InlineData(new[] { "admin", "remove" }, "Unknown command: admin remove")]
    public async Task Command_UsedWrongly_ExitsWith2AndSaysWhy(string[] args, string message)
    {
        var (exit, _, error) = await RunAsync("", args);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsCommands()
    {
        var (exit, output, _) = await RunAsync("", "help");

        Assert.Equal(0, exit);
        Assert.Contains("admin add --email ADDRESS --role Admin|Moderator", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new[] { "urls=http://127.0.0.1:5000" }, false)]
    [InlineData(new[] { "--environment=Testing" }, false)]
    [InlineData(new[] { "admin", "add" }, true)]
    [InlineData(new[] { "help" }, true)]
    public void IsCommand_OnlyForBareWords(string[] args, bool expected) =>
        Assert.Equal(expected, CommandLine.IsCommand(args));

    /// <summary>The real entry point, as the README runs it: migrates a new database, reads stdin, exits without serving.</summary>
    // SQLite only: creates a new SQLite file and checks it was migrated (on PostgreSQL the test databases come migrated).
    [Trait("Provider", "SqliteOnly")]
    [Fact]
    public async Task EntryPoint_AdminAdd_MigratesNewDatabaseAndExitsWithoutServing()
    {
        var database = Path.Combine(Path.GetTempPath(), "itstopshere-tests", $"cli-{Guid.NewGuid():N}.db");
        try
        {
            var (exit, output, error) = await ChildApp.RunAsync(database, NoSettings,
                ["admin", "add", "--email", "cli.admin@example.ac.uk", "--role", "Admin"], "orchid tractor velvet canyon");
            Assert.True(exit == 0, $"exit {exit}: {error}");
            Assert.Contains("Added cli.admin@example.ac.uk as Admin", output, StringComparison.Ordinal);

            var (again, _, againError) = await ChildApp.RunAsync(database, NoSettings,
                ["admin", "add", "--email", "cli.admin@example.ac.uk", "--role", "Admin"], "orchid tractor velvet canyon");
            Assert.Equal(1, again);
            Assert.Contains("already a staff account", againError, StringComparison.Ordinal);

            await using var connection = new SqliteConnection($"Data Source={database}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM AspNetUsers WHERE NormalizedEmail = 'CLI.ADMIN@EXAMPLE.AC.UK'";
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static readonly Dictionary<string, string> NoSettings = [];
}

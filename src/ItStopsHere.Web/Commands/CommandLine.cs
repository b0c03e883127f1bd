namespace ItStopsHere.Web.Commands;

/// <summary>
/// Runs <c>dotnet run --project src/ItStopsHere.Web -- COMMAND ...</c>: called from Program.cs once the
/// site's services are built and the database migrated, so a command uses exactly the site's configuration
/// and rules; it then exits without starting the web server. To add a command, implement
/// <see cref="ISiteCommand"/> and list it in <see cref="Commands"/>.
/// </summary>
public static class CommandLine
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Misused = 2;

    private static readonly ISiteCommand[] Commands =
    [
        new AdminAddCommand(),
        new RetentionRunCommand(),
        new BackupCommand(),
        new RestoreCommand(),
        new MigrateCommand(),
        new ReportingRotateKeyCommand(),
        new ReportingGrantCommand(),
        new CopyToCommand(),
    ];

    /// <summary>
    /// True when the arguments start with a bare word (a command), not a setting such as
    /// <c>--urls http://...</c> or <c>Key=value</c>, which the web server reads as configuration.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && args[0].Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=');

    /// <summary>True for a command to run before the database is migrated and seeded (see <see cref="ISiteCommand.NeedsMigratedDatabase"/>).</summary>
    public static bool RunsBeforeDatabaseSetup(string[] args) =>
        IsCommand(args) && Find(args) is { NeedsMigratedDatabase: false };

    public static Task<int> RunAsync(string[] args, IServiceProvider services) =>
        RunAsync(args, services, Console.In, Console.Out, Console.Error, inputIsTerminal: !Console.IsInputRedirected);

    public static async Task<int> RunAsync(
        string[] args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error,
        bool inputIsTerminal = false, CancellationToken cancellationToken = default)
    {
        if (args is ["help" or "--help" or "-h", ..])
        {
            await WriteUsageAsync(output);
            return Succeeded;
        }

        var command = Find(args);
        if (command is null)
        {
            await error.WriteLineAsync($"Unknown command: {string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}");
            await WriteUsageAsync(error);
            return Misused;
        }

        var (options, problem) = ParseOptions(args[command.Name.Count..], command.Options);
        if (problem is not null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync($"Usage: {string.Join(' ', command.Name)} {command.Arguments}");
            return Misused;
        }

        if (options.ContainsKey("help"))
        {
            await output.WriteLineAsync($"{string.Join(' ', command.Name)} {command.Arguments}");
            await output.WriteLineAsync($"  {command.Summary}");
            return Succeeded;
        }

        await using var scope = services.CreateAsyncScope();
        return await command.RunAsync(new CommandContext(scope.ServiceProvider, options, input, output, error, inputIsTerminal, cancellationToken));
    }

    private static ISiteCommand? Find(string[] args) => Commands
        .Where(c => c.Name.Count <= args.Length && c.Name.Select((word, i) => string.Equals(word, args[i], StringComparison.OrdinalIgnoreCase)).All(match => match))
        .MaxBy(c => c.Name.Count);

    /// <summary>Reads <c>--name value</c> and <c>--name=value</c> pairs; <c>--help</c> stands alone.</summary>
    private static (Dictionary<string, string> Options, string? Problem) ParseOptions(string[] args, IReadOnlyList<string> allowed)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                return (options, $"Unexpected argument: {arg}");
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (string.Equals(name, "help", StringComparison.OrdinalIgnoreCase))
            {
                options["help"] = "";
                continue;
            }

            if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return (options, $"Unknown option: --{name}");
            }

            if (value is null)
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return (options, $"The option --{name} needs a value.");
                }

                value = args[++i];
            }

            options[name] = value;
        }

        return (options, null);
    }

    private static async Task WriteUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("Commands (dotnet run --project src/ItStopsHere.Web -- COMMAND):");
        foreach (var command in Commands)
        {
            await writer.WriteLineAsync($"  {string.Join(' ', command.Name)} {command.Arguments}");
            await writer.WriteLineAsync($"      {command.Summary}");
        }
    }
}

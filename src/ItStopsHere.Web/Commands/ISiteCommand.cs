namespace ItStopsHere.Web.Commands;

/// <summary>A maintenance command run from the command line instead of the web server, e.g. <c>admin add</c>.</summary>
public interface ISiteCommand
{
    /// <summary>The words that name it, e.g. <c>["admin", "add"]</c>.</summary>
    IReadOnlyList<string> Name { get; }

    /// <summary>How to call it, after the name, e.g. <c>--email ADDRESS --role Admin|Moderator</c>.</summary>
    string Arguments { get; }

    /// <summary>One sentence: what it does.</summary>
    string Summary { get; }

    /// <summary>The <c>--options</c> it accepts (without dashes); any other option is a usage error.</summary>
    IReadOnlyList<string> Options { get; }

    /// <summary>
    /// True (the default) when the command runs on the migrated database, after start-up seeding; false
    /// for commands that must see the file as it is (<c>backup</c>, <c>restore</c>) or migrate it themselves.
    /// </summary>
    bool NeedsMigratedDatabase => true;

    /// <returns>The process exit code: 0 done, 1 failed, 2 called wrongly.</returns>
    Task<int> RunAsync(CommandContext context);
}

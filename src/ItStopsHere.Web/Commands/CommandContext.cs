namespace ItStopsHere.Web.Commands;

/// <summary>What a command gets: the site's services, its options, and the console.</summary>
public sealed record CommandContext(
    IServiceProvider Services,
    IReadOnlyDictionary<string, string> Options,
    TextReader Input,
    TextWriter Output,
    TextWriter Error,
    bool InputIsTerminal,
    CancellationToken CancellationToken);

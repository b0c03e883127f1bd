namespace ItStopsHere.Web.Content;

/// <summary>
/// One figure on <c>/impact</c> ("49%" "of sexual assault survivors reported ..."), who found it and when
/// someone last checked it, kept with the page's version (see <see cref="PageFacts"/>).
/// </summary>
public sealed class ImpactFigure : IPageFact
{
    public string Key { get; set; } = "";

    public string Figure { get; set; } = "";

    string IPageFact.Label => Figure;

    /// <summary>The rest of the sentence that the figure begins: what it measures.</summary>
    public string Statement { get; set; } = "";

    /// <summary>The research and who cites it, with dates.</summary>
    public string SourceName { get; set; } = "";

    /// <summary>Where the source can be read (http or https), when it is online.</summary>
    public string? SourceUrl { get; set; }

    public DateOnly CheckedOn { get; set; }

    public ImpactFigure Copy() => (ImpactFigure)MemberwiseClone();
}

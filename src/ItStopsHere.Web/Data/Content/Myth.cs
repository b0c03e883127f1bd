using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

/// <summary>A common myth about sexual violence, the facts that answer it and where those facts come from.</summary>
public class Myth
{
    public int Id { get; set; }

    /// <summary>The myth as people say it, without the "Myth:" prefix (the page adds that).</summary>
    public string Statement { get; set; } = "";

    /// <summary>The facts that answer the myth, in plain text; blank lines separate paragraphs.</summary>
    public string Answer { get; set; } = "";

    /// <summary>Who says so: the research, law or organisation behind the answer.</summary>
    public string Source { get; set; } = "";

    public string? SourceUrl { get; set; }

    /// <summary>Position on the myth-busters page, lowest first.</summary>
    public int SortOrder { get; set; }

    /// <summary>Kept, but not shown on the site (an Admin hid it, e.g. while its source is checked).</summary>
    public bool IsHidden { get; set; }
}

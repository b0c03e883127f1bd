using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Content;

/// <summary>A myth as an Admin wrote it, before <see cref="MythEditor"/> saves it; the admin form's input maps to it.</summary>
public sealed record MythDraft(string Statement, string Answer, string Source, string? SourceUrl)
{
    public void ApplyTo(Myth myth)
    {
        ArgumentNullException.ThrowIfNull(myth);
        myth.Statement = Statement.Trim();
        // Paragraphs are separated by blank lines; keep the author's, but not trailing spaces or stray \r.
        myth.Answer = Answer.Trim().ReplaceLineEndings("\n");
        myth.Source = Source.Trim();
        myth.SourceUrl = string.IsNullOrWhiteSpace(SourceUrl) ? null : SourceUrl.Trim();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItStopsHere.Web.Content;

/// <summary>
/// The structured part of a page version: the help lines of <c>/help</c>, the figures of <c>/impact</c>.
/// Stored as JSON in <see cref="Data.Content.ContentVersion.Facts"/>, so each published version keeps the
/// numbers it showed, a change to one publishes a new version (with its "what changed"), and the page's
/// history and comparisons cover them like its words.
/// </summary>
public sealed class PageFacts
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public List<HelpLine> HelpLines { get; set; } = [];

    public List<ImpactFigure> Figures { get; set; } = [];

    [JsonIgnore]
    public bool IsEmpty => HelpLines.Count == 0 && Figures.Count == 0;

    public static PageFacts Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new PageFacts() : JsonSerializer.Deserialize<PageFacts>(json, Json) ?? new PageFacts();

    /// <summary>The JSON to store, or null when there is nothing structured.</summary>
    public string? Serialize() => IsEmpty ? null : JsonSerializer.Serialize(this, Json);

    public PageFacts Copy() => new()
    {
        HelpLines = HelpLines.Select(l => l.Copy()).ToList(),
        Figures = Figures.Select(f => f.Copy()).ToList(),
    };

    /// <summary>A new short key, unique among <paramref name="taken"/>.</summary>
    public static string NewKey(IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        string key;
        do
        {
            key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        }
        while (used.Contains(key));
        return key;
    }

    /// <summary>"3 December 2026": how the pages say when a fact was checked.</summary>
    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>The structured part as compared in a page's history: one labelled line per field.</summary>
    public string Words()
    {
        var text = new StringBuilder();
        var n = 0;
        foreach (var line in HelpLines)
        {
            n++;
            text.Append(CultureInfo.InvariantCulture, $"\n\nHelp line {n}: {line.Name}");
            Field(text, "Phone", line.Phone);
            Field(text, "Text", line.TextNumber);
            Field(text, "Email", line.Email);
            Field(text, "Web", line.WebAddress);
            Field(text, "How", line.ContactNote);
            Field(text, "Hours", line.Hours);
            Field(text, "Who for", line.WhoFor);
            Field(text, "Right now", line.IsRightNow ? $"{line.RightNowLead}: {line.RightNowText} {line.RightNowLinkText}".TrimEnd() : null);
            Field(text, "Checked on", Date(line.CheckedOn));
        }

        n = 0;
        foreach (var figure in Figures)
        {
            n++;
            text.Append(CultureInfo.InvariantCulture, $"\n\nFigure {n}: {figure.Figure} {figure.Statement}");
            Field(text, "Source", figure.SourceName);
            Field(text, "Source address", figure.SourceUrl);
            Field(text, "Checked on", Date(figure.CheckedOn));
        }

        return text.ToString();
    }

    private static void Field(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.Append('\n').Append(label).Append(": ").Append(value);
        }
    }
}

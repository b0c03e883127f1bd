using System.Globalization;
using ItStopsHere.Web.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages.HelpLines;

/// <summary>One help line as its form sends it, with the one line for /help's public history.</summary>
public class HelpLineInput : IFactInput<HelpLine>
{
    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? TextNumber { get; set; }

    public string? Email { get; set; }

    public string? WebAddress { get; set; }

    public string? ContactNote { get; set; }

    public string? Hours { get; set; }

    public string? WhoFor { get; set; }

    /// <summary>yyyy-MM-dd, from a date input.</summary>
    public string? CheckedOn { get; set; }

    public string? RightNowLead { get; set; }

    public string? RightNowText { get; set; }

    public string? RightNowLinkText { get; set; }

    public bool OnReportPages { get; set; }

    public string? ChangeNote { get; set; }

    /// <summary>The page's revision when the form was opened (a hidden field), to refuse a save over someone else's.</summary>
    public int Revision { get; set; }

    public static HelpLineInput From(HelpLine line, int revision) => new()
    {
        Name = line.Name,
        Phone = line.Phone,
        TextNumber = line.TextNumber,
        Email = line.Email,
        WebAddress = line.WebAddress,
        ContactNote = line.ContactNote,
        Hours = line.Hours,
        WhoFor = line.WhoFor,
        CheckedOn = line.CheckedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RightNowLead = line.RightNowLead,
        RightNowText = line.RightNowText,
        RightNowLinkText = line.RightNowLinkText,
        OnReportPages = line.OnReportPages,
        Revision = revision,
    };

    /// <summary>Writes the (validated) input onto <paramref name="line"/>; its key stays.</summary>
    public void ApplyTo(HelpLine line)
    {
        line.Name = Name!.Trim();
        line.Phone = Clean(Phone);
        line.TextNumber = Clean(TextNumber);
        line.Email = Clean(Email);
        line.WebAddress = Clean(WebAddress);
        line.ContactNote = Clean(ContactNote);
        line.Hours = Clean(Hours);
        line.WhoFor = Clean(WhoFor);
        line.CheckedOn = DateOnly.ParseExact(CheckedOn!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        line.RightNowLead = Clean(RightNowLead);
        line.RightNowText = line.RightNowLead is null ? null : Clean(RightNowText);
        line.RightNowLinkText = line.RightNowLead is null ? null : Clean(RightNowLinkText);
        line.OnReportPages = OnReportPages;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

namespace ItStopsHere.Web.Content;

/// <summary>
/// One support service on <c>/help</c> (and in the report pages' emergency box), kept with the page's
/// version (see <see cref="PageFacts"/>). Edited at <c>/admin/help-lines</c>; numbers are written the way
/// each service publishes them, and links dial them on a phone.
/// </summary>
public sealed class HelpLine : IPageFact
{
    /// <summary>A short id that stays with the line when others are added, moved or removed.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    string IPageFact.Label => Name;

    public string? Phone { get; set; }

    /// <summary>A number to text (SMS), when the service has one.</summary>
    public string? TextNumber { get; set; }

    public string? Email { get; set; }

    /// <summary>An http(s) address; shown without its scheme and "www.".</summary>
    public string? WebAddress { get; set; }

    /// <summary>A few words after the contacts, e.g. "Phone or online chat".</summary>
    public string? ContactNote { get; set; }

    /// <summary>When it is open, e.g. "Free, 24 hours a day, 7 days a week".</summary>
    public string? Hours { get; set; }

    /// <summary>Who it is for, e.g. "for anyone aged 16 or over"; shown after the hours.</summary>
    public string? WhoFor { get; set; }

    /// <summary>The day someone last checked the number and hours with the service.</summary>
    public DateOnly CheckedOn { get; set; }

    /// <summary>Shown in the "Right now" box at the top of <c>/help</c> when set: the words before the colon ("In immediate danger").</summary>
    public string? RightNowLead { get; set; }

    /// <summary>The rest of the "Right now" sentence.</summary>
    public string? RightNowText { get; set; }

    /// <summary>The words of the "Right now" link when the line has no phone number (e.g. "Find your nearest SARC").</summary>
    public string? RightNowLinkText { get; set; }

    /// <summary>Listed in the emergency box on the report pages.</summary>
    public bool OnReportPages { get; set; }

    public bool IsRightNow => !string.IsNullOrWhiteSpace(RightNowLead);

    /// <summary>Hours and who it is for, as one phrase.</summary>
    public string When => string.Join(", ", new[] { Hours, WhoFor }.Where(s => !string.IsNullOrWhiteSpace(s)));

    public IReadOnlyList<HelpLineContact> Contacts()
    {
        var contacts = new List<HelpLineContact>();
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            contacts.Add(new HelpLineContact(Phone, "tel:" + Dialled(Phone), HelpLineContactKind.Phone));
        }

        if (!string.IsNullOrWhiteSpace(TextNumber))
        {
            contacts.Add(new HelpLineContact("Text " + TextNumber, "sms:" + Dialled(TextNumber), HelpLineContactKind.Text));
        }

        if (!string.IsNullOrWhiteSpace(WebAddress))
        {
            contacts.Add(new HelpLineContact(ShortAddress(WebAddress), WebAddress, HelpLineContactKind.Web));
        }

        if (!string.IsNullOrWhiteSpace(Email))
        {
            contacts.Add(new HelpLineContact(Email, "mailto:" + Email, HelpLineContactKind.Email));
        }

        return contacts;
    }

    /// <summary>What a phone dials: the digits, and a leading + for an international number.</summary>
    public static string Dialled(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return number.TrimStart().StartsWith('+') ? "+" + digits : digits;
    }

    /// <summary>"https://www.nhs.uk/sarcs" is shown as "nhs.uk/sarcs".</summary>
    public static string ShortAddress(string address)
    {
        var shown = address.Trim();
        foreach (var prefix in new[] { "https://", "http://" })
        {
            if (shown.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                shown = shown[prefix.Length..];
            }
        }

        if (shown.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            shown = shown[4..];
        }

        return shown.TrimEnd('/');
    }

    public HelpLine Copy() => (HelpLine)MemberwiseClone();
}

namespace ItStopsHere.Web.Content;

/// <summary>
/// The UK support services the site signposts, exactly as checked in the campaign's facts file.
/// Numbers are written the way each service publishes them; links dial them on a phone.
/// </summary>
public static class HelpLines
{
    public sealed record Contact(string Text, string Href);

    public sealed record Line(string Service, IReadOnlyList<Contact> Contacts, string When, string? ContactNote = null);

    private static Contact Phone(string number) => new(number, "tel:" + new string(number.Where(char.IsDigit).ToArray()));

    public static IReadOnlyList<Line> All { get; } =
    [
        new("Emergency (police, ambulance)", [Phone("999")], "If you are in immediate danger"),
        new("Police, non-emergency", [Phone("101")], "To report something that has already happened"),
        new("Rape Crisis England & Wales, 24/7 Support Line", [Phone("0808 500 2222")], "Free, 24 hours a day, 7 days a week, for anyone aged 16 or over", "Phone or online chat"),
        new("Samaritans", [Phone("116 123")], "Free, 24 hours a day, 7 days a week"),
        new("NHS Sexual Assault Referral Centres (SARCs)", [new("nhs.uk/sarcs", "https://www.nhs.uk/sarcs")], "24 hours a day; forensic care without involving the police", "Find your nearest centre"),
        new("National Stalking Helpline (Suzy Lamplugh Trust)", [Phone("0808 802 0300")], "Check opening hours on the service's website"),
        new("Galop (for LGBT+ people facing abuse)", [Phone("0800 999 5428"), new("help@galop.org.uk", "mailto:help@galop.org.uk")], "Check opening hours on the service's website"),
        new("Revenge Porn Helpline", [Phone("0345 6000 459")], "Monday to Friday, 10:00 to 16:00, for adults"),
        new("Victim Support", [Phone("08 08 16 89 111")], "Free, 24 hours a day, 7 days a week"),
        new("National Domestic Abuse Helpline", [Phone("0808 2000 247")], "Free, 24 hours a day, 7 days a week"),
        new("The Survivors Trust", [Phone("08088 010 818")], "Check opening hours on the service's website"),
        new("SurvivorsUK (for men and non-binary survivors)", [new("survivorsuk.org", "https://www.survivorsuk.org")], "Check availability on the service's website", "Web chat"),
    ];
}

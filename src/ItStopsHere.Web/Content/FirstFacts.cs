namespace ItStopsHere.Web.Content;

/// <summary>
/// The structured part of <c>/help</c>'s first version: the support services the site signposted before
/// pages became editable, exactly as checked in the campaign's facts file (facts.md, dated 3 December
/// 2026, which is their "checked on" date). The impact figures' first version comes from the configured
/// <c>Campaign:Statistics</c> (see <see cref="ContentPageSeeder"/>).
/// </summary>
public static class FirstFacts
{
    /// <summary>When the campaign's facts file, the source of the first help lines and figures, was checked.</summary>
    public static readonly DateOnly CheckedOn = new(2026, 12, 3);

    public static IReadOnlyList<HelpLine> HelpLines() =>
    [
        Line("emergency", "Emergency (police, ambulance)", phone: "999", who: "If you are in immediate danger",
            rightNow: ("In immediate danger", "call 999 for the police or an ambulance.", null)),
        Line("police-101", "Police, non-emergency", phone: "101", who: "To report something that has already happened", onReportPages: true),
        Line("rape-crisis", "Rape Crisis England & Wales, 24/7 Support Line", phone: "0808 500 2222",
            hours: "Free, 24 hours a day, 7 days a week", who: "for anyone aged 16 or over", note: "Phone or online chat", onReportPages: true,
            rightNow: ("To talk to someone now", "the Rape Crisis England & Wales 24/7 Support Line is free, by phone or online chat, for anyone aged 16 or over.", null)),
        Line("samaritans", "Samaritans", phone: "116 123", hours: "Free, 24 hours a day, 7 days a week", onReportPages: true),
        Line("sarcs", "NHS Sexual Assault Referral Centres (SARCs)", web: "https://www.nhs.uk/sarcs",
            hours: "24 hours a day; forensic care without involving the police", note: "Find your nearest centre", onReportPages: true,
            rightNow: ("After a sexual assault", "a Sexual Assault Referral Centre (SARC) gives medical and forensic care 24 hours a day, without you having to involve the police.", "Find your nearest SARC")),
        Line("stalking", "National Stalking Helpline (Suzy Lamplugh Trust)", phone: "0808 802 0300", hours: "Check opening hours on the service's website"),
        Line("galop", "Galop (for LGBT+ people facing abuse)", phone: "0800 999 5428", email: "help@galop.org.uk", hours: "Check opening hours on the service's website"),
        Line("revenge-porn", "Revenge Porn Helpline", phone: "0345 6000 459", hours: "Monday to Friday, 10:00 to 16:00", who: "for adults"),
        Line("victim-support", "Victim Support", phone: "08 08 16 89 111", hours: "Free, 24 hours a day, 7 days a week"),
        Line("domestic-abuse", "National Domestic Abuse Helpline", phone: "0808 2000 247", hours: "Free, 24 hours a day, 7 days a week"),
        Line("survivors-trust", "The Survivors Trust", phone: "08088 010 818", hours: "Check opening hours on the service's website"),
        Line("survivorsuk", "SurvivorsUK (for men and non-binary survivors)", web: "https://www.survivorsuk.org", hours: "Check availability on the service's website", note: "Web chat"),
    ];

    /// <summary>The impact page's first figures: the configured statistics (with any change an Admin had saved in the settings).</summary>
    public static List<ImpactFigure> Figures(IEnumerable<CampaignStatistic> statistics) =>
        statistics.Select((s, i) => new ImpactFigure
        {
            Key = $"figure-{i + 1}",
            Figure = s.Figure,
            Statement = s.Statement,
            SourceName = s.Source,
            CheckedOn = CheckedOn,
        }).ToList();

    private static HelpLine Line(
        string key, string name, string? phone = null, string? email = null, string? web = null, string? hours = null,
        string? who = null, string? note = null, bool onReportPages = false, (string Lead, string Text, string? Link)? rightNow = null) => new()
        {
            Key = key,
            Name = name,
            Phone = phone,
            Email = email,
            WebAddress = web,
            Hours = hours,
            WhoFor = who,
            ContactNote = note,
            OnReportPages = onReportPages,
            RightNowLead = rightNow?.Lead,
            RightNowText = rightNow?.Text,
            RightNowLinkText = rightNow?.Link,
            CheckedOn = CheckedOn,
        };
}

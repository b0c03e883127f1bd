namespace ItStopsHere.Web.Content;

/// <summary>One of the four things the campaign asks everyone to do; the home page shows them as cards.</summary>
public sealed record CampaignAction(string Anchor, string Title, string Summary)
{
    public string Path => $"/take-action#{Anchor}";

    public static IReadOnlyList<CampaignAction> All { get; } =
    [
        new("report-and-support", "Report & support", "Report bullying, harassment or discrimination, and find the support that is right for you."),
        new("talk-about-it", "Talk about it", "Talk with friends and colleagues about what sexual harassment is, how it affects people and why it is never okay."),
        new("be-an-active-bystander", "Be an active bystander", "Learn safe ways to step in when you see someone getting unwanted behaviour or attention."),
        new("frontline-staff-training", "Frontline staff training", "Arrange training so that staff can support the students and colleagues who come to them."),
    ];
}

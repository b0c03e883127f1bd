namespace ItStopsHere.Web.Content;

/// <summary>One figure on the impact page: "49%" "of sexual assault survivors reported ...", and who found it.</summary>
public sealed class CampaignStatistic
{
    public string Figure { get; set; } = "";

    /// <summary>The rest of the sentence that the figure begins.</summary>
    public string Statement { get; set; } = "";

    public string Source { get; set; } = "";
}

namespace ItStopsHere.Web.Content;

/// <summary>
/// What an institution running the campaign would change: names, addresses, links.
/// Bound from the <c>Campaign</c> configuration section; never hard-coded in pages.
/// </summary>
public sealed class CampaignOptions
{
    public const string Section = "Campaign";

    public string Name { get; set; } = "It Stops Here";

    public string Organisation { get; set; } = "King's College London and KCLSU";

    /// <summary>One sentence saying what the campaign is, used on the home page and in share cards.</summary>
    public string Strapline { get; set; } =
        "A campaign by King's College London and KCLSU to challenge sexual harassment, so that everyone feels welcome, supported and safe.";

    /// <summary>The public address of the site, for links in share cards, feeds and email. No trailing slash.</summary>
    public string SiteUrl { get; set; } = "http://localhost:5000";

    /// <summary>Where the quick-exit control sends people: a neutral page that reveals nothing.</summary>
    public string QuickExitUrl { get; set; } = "https://www.bbc.co.uk/weather";

    /// <summary>The campaign team's address for questions, shown in the footer and on the contact page.</summary>
    public string ContactEmail { get; set; } = "itstopshere@example.ac.uk";

    /// <summary>The university's online reporting tool. Shown only when set.</summary>
    public string? ReportUrl { get; set; }

    /// <summary>The university's own page of harassment and sexual-misconduct policies; linked from <c>/policies</c> when set.</summary>
    public string? PoliciesUrl { get; set; }

    /// <summary>How to reach the university's harassment advisers. Shown only when set.</summary>
    public string? AdviserEmail { get; set; }

    /// <summary>Where to arrange frontline staff training. Shown only when set.</summary>
    public string? TrainingEmail { get; set; }

    /// <summary>The figures on the impact page, each with its source, in the order shown.</summary>
    public List<CampaignStatistic> Statistics { get; set; } = [];
}

namespace ItStopsHere.Web.Data.Content;

/// <summary>What sort of page a <see cref="ContentPage"/> is.</summary>
public static class ContentPageKinds
{
    /// <summary>The campaign's own explanatory pages (consent, what sexual harassment is, ...).</summary>
    public const string Campaign = "campaign";
}

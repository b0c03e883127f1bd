namespace ItStopsHere.Web.Data.Content;

/// <summary>What sort of page a <see cref="ContentPage"/> is.</summary>
public static class ContentPageKinds
{
    /// <summary>The campaign's own explanatory pages (consent, what sexual harassment is, ...).</summary>
    public const string Campaign = "campaign";

    /// <summary>The institution's harassment and sexual-misconduct policies, at <c>/policies/...</c>; their slug starts with <c>policies/</c>.</summary>
    public const string Policy = "policy";
}

namespace ItStopsHere.Web.Email;

/// <summary>What a signer gets after signing.</summary>
/// <param name="PublicName">How the signature appears on the site, e.g. "Madeline T." or "A student".</param>
/// <param name="PublicNumber">The signature's number, e.g. 1089; null while it has none (not yet confirmed).</param>
/// <param name="Actions">The actions the signer committed to, as the pledge words them.</param>
/// <param name="ManageUrl">
/// The personal link to change or withdraw the signature, on the campaign's site. Carry the token in the
/// query string (<c>/pledge/manage?token=...</c>), not the path: the request log records paths, never query strings.
/// </param>
public sealed record ThankYouEmail(string PublicName, long? PublicNumber, IReadOnlyList<string> Actions, string ManageUrl);

using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// What the writer knows about a signature when it is published or taken down: enough to render it
/// publicly and to keep the tallies, and nothing else (no email, no client hash).
/// </summary>
public sealed record SignatureFacts(
    long Number,
    SignatoryType Type,
    string Name,
    NameDisplay NameDisplay,
    Affiliation? Affiliation,
    string? Detail,
    PledgeActions Actions,
    DateTimeOffset SignedAt)
{
    public PublicSignature ToPublic() => SignatureDisplay.ToPublic(this);
}

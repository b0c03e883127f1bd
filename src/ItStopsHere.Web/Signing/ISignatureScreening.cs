using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// Decides whether a new signature is published at once or held for a moderator.
/// The default follows <see cref="PledgeOptions.HoldNewSignatures"/>; the admin area can replace it
/// with its auto-hold rules.
/// </summary>
public interface ISignatureScreening
{
    SignatureStatus InitialStatus(NewSignature signature);
}

namespace ItStopsHere.Web.Signing;

/// <summary>How a signing or a confirmation ended: see <see cref="SigningResult"/>.</summary>
public enum SigningResultKind
{
    /// <summary>Stored (published, or held for a moderator): go to the thank-you page.</summary>
    Signed,

    /// <summary>
    /// The address had already signed; nothing changed. The thank-you page looks exactly as for a first
    /// signing, so the answer never reveals whether an address has signed.
    /// </summary>
    AlreadySigned,

    /// <summary>Stored unconfirmed (double opt-in): the thank-you page asks the signer to follow the emailed link.</summary>
    NeedsConfirmation,

    /// <summary>This page load's form has already signed with another address: show a fresh form.</summary>
    FormAlreadyUsed,

    /// <summary>Too many signatures waiting, or the database refused: nothing stored, try again in a few seconds (503).</summary>
    Busy,

    /// <summary>A confirmation link that is unknown, replaced, expired or already used.</summary>
    NotFound,
}

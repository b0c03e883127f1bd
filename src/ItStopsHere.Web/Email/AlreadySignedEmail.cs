namespace ItStopsHere.Web.Email;

/// <summary>What a signer gets when their address is used to sign again: nothing changed, here is a fresh manage link.</summary>
/// <param name="PublicName">How the existing signature appears, e.g. "Madeline T."; null when it is not shown (held or hidden).</param>
/// <param name="ManageUrl">A fresh personal link (the previous one no longer works), token in the query string.</param>
public sealed record AlreadySignedEmail(string? PublicName, string ManageUrl);

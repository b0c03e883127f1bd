using System.Text.Json;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

/// <summary>What a signer gets when signatures need confirming (double opt-in).</summary>
/// <param name="ConfirmUrl">
/// The link to the confirmation page, on the campaign's site, token in the query string. The page
/// confirms with a POST from its button, so a mail scanner fetching the link changes nothing.
/// </param>
/// <param name="ExpiresAt">When the unconfirmed signature and its details are deleted.</param>
public sealed record ConfirmationEmail(string ConfirmUrl, DateTimeOffset ExpiresAt);

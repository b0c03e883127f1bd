namespace ItStopsHere.Web.Signing;

/// <summary>
/// The answer of <see cref="SigningService"/>: what happened, and for a signing that went through, the
/// thank-you page to redirect to (its receipt is signed, so the number shown cannot be made up).
/// </summary>
public sealed record SigningResult(SigningResultKind Kind, string? ThankYouUrl = null)
{
    /// <summary>How long a refused signer is asked to wait (<c>Retry-After</c>) when the writer is busy.</summary>
    public static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(10);

    public static SigningResult FormAlreadyUsed { get; } = new(SigningResultKind.FormAlreadyUsed);

    public static SigningResult Busy { get; } = new(SigningResultKind.Busy);

    public static SigningResult NotFound { get; } = new(SigningResultKind.NotFound);

    /// <summary>True when the signer goes on to the thank-you page (signed, already signed or awaiting confirmation).</summary>
    public bool GoesToThankYou => ThankYouUrl is not null;
}

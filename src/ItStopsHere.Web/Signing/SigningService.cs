using System.Net;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// Signing the pledge, in one call: from validated <see cref="NewSignature"/> and the facts of the
/// request (the form's token, the client's address) to a stored signature and the thank-you page.
/// It marks the form used (one page load, one signing), hashes the client address, screens the
/// signature (published or held), makes the signer's personal link, applies double opt-in, hands the
/// signature to the <see cref="ISignatureStore"/> (which answers once it is durable) and writes the
/// receipt. Confirming a double opt-in signature goes through here too.
/// </summary>
public sealed class SigningService(
    ISignatureStore store,
    ISignatureScreening screening,
    PledgeFormToken formTokens,
    SignatureReceipts receipts,
    ClientHasher hasher,
    PledgeFeed feed,
    SignatureWriter writer,
    SignerEmails emails,
    AppDbContext db,
    TimeProvider clock,
    IOptions<PledgeOptions> options,
    ILogger<SigningService> logger)
{
    /// <summary>
    /// Signs with <paramref name="details"/>, posted with the form whose token reads <paramref name="form"/>,
    /// from <paramref name="client"/>. Completes once the signature is durable (or was refused).
    /// </summary>
    public async Task<SigningResult> SignAsync(NewSignature details, FormTokenReading form, IPAddress? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(form);
        var emailKey = NewSignature.NormalizeEmail(details.Email);

        // One page load, one signing: a form that has signed cannot be sent again with another address.
        if (!formTokens.TryUse(form, emailKey))
        {
            logger.LogWarning("Pledge signing refused: the form had already been used to sign");
            return SigningResult.FormAlreadyUsed;
        }

        var signature = details with { ClientHash = hasher.Hash(client), SignedAt = clock.GetUtcNow() };
        signature = signature with
        {
            InitialStatus = screening.InitialStatus(signature),
            Link = Email.EmailAddresses.IsValid(signature.Email) ? PersonalLink.Create() : null,
        };

        // Double opt-in: nothing is counted or shown until the link in the email is followed (screening runs again then).
        var confirming = options.Value.RequireEmailConfirmation;
        if (confirming)
        {
            signature = signature with { InitialStatus = SignatureStatus.Unconfirmed };
        }

        var outcome = await store.AddAsync(signature, cancellationToken);
        switch (outcome.Kind)
        {
            case SignOutcomeKind.Added:
                return ThankYou(
                    confirming ? SigningResultKind.NeedsConfirmation : SigningResultKind.Signed,
                    new SignatureReceipt(outcome.Number, outcome.Number is null, signature.Actions, confirming));
            case SignOutcomeKind.Duplicate:
                // The same answer as a first signing, so the page never reveals that an address has signed:
                // the number shown is where a new signature would stand now.
                var held = signature.InitialStatus != SignatureStatus.Published;
                return ThankYou(
                    SigningResultKind.AlreadySigned,
                    new SignatureReceipt(held ? null : Math.Max(1, feed.Current.LastNumber), held, signature.Actions, confirming));
            default:
                logger.LogWarning("Pledge signing not stored: {Outcome}", outcome.Kind);
                return SigningResult.Busy;
        }
    }

    /// <summary>Whether <paramref name="token"/> is the confirmation link of a signature still awaiting it.</summary>
    public async Task<bool> IsAwaitingConfirmationAsync(string? token, CancellationToken cancellationToken) =>
        await FindUnconfirmedAsync(token, cancellationToken) is not null;

    /// <summary>
    /// Confirms the signature whose link is <paramref name="token"/>: screened now, as a new signature would
    /// be, then numbered (or held for a moderator) in the writer's transaction, which also sends the
    /// thank-you email with the manage link.
    /// </summary>
    public async Task<SigningResult> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (await FindUnconfirmedAsync(token, cancellationToken) is not { } found)
        {
            return SigningResult.NotFound;
        }

        var candidate = SignatureColumns.ToNewSignature(found, SignatureStatus.Published);
        var status = screening.InitialStatus(candidate);
        var hash = found.ManageTokenHash!;

        SignOutcome? outcome;
        try
        {
            outcome = await writer.RunAsync(tx => emails.Confirm(tx, hash, status), cancellationToken);
        }
        catch (WriterBusyException)
        {
            logger.LogWarning("A confirmation was refused: the signature writer is busy");
            return SigningResult.Busy;
        }

        if (outcome is not { } confirmed)
        {
            return SigningResult.NotFound;
        }

        logger.LogInformation("Signature {SignatureId} confirmed", confirmed.SignatureId);
        return ThankYou(SigningResultKind.Signed, new SignatureReceipt(confirmed.Number, confirmed.Number is null, found.Actions));
    }

    private Task<Signature?> FindUnconfirmedAsync(string? token, CancellationToken cancellationToken) =>
        ManageToken.TryHash(token) is { } hash
            ? db.Signatures.AsNoTracking().SingleOrDefaultAsync(s => s.ManageTokenHash == hash && s.Status == SignatureStatus.Unconfirmed, cancellationToken)
            : Task.FromResult<Signature?>(null);

    private SigningResult ThankYou(SigningResultKind kind, SignatureReceipt receipt) =>
        new(kind, "/pledge/thank-you?r=" + Uri.EscapeDataString(receipts.Create(receipt)));
}

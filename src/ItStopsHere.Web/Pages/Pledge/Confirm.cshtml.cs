using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>
/// Double opt-in: the link in the confirmation email lands here. The GET only shows a button (mail
/// scanners fetch links, and must not confirm anything, as the UK petitions site learned); the POST
/// confirms through the <see cref="SignatureWriter"/>, which gives the signature its public number (or
/// holds it for a moderator, as a new signature would be) and sends the thank-you with a manage link.
/// </summary>
public class ConfirmModel(
    AppDbContext db,
    SignatureWriter writer,
    SignerEmails emails,
    ISignatureScreening screening,
    SignatureReceipts receipts,
    IOptions<CampaignOptions> campaign,
    ILogger<ConfirmModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Found { get; private set; }

    public bool Busy { get; private set; }

    public string CampaignContact => campaign.Value.ContactEmail;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        return await FindAsync(cancellationToken) is null ? NotFoundPage() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var hash = ManageToken.TryHash(Token);
        if (hash is null || await FindAsync(cancellationToken) is not { } signature)
        {
            return NotFoundPage();
        }

        // Screened now, as a new signature would be: held for a moderator if the rules say so.
        var candidate = SignatureColumns.ToNewSignature(signature, SignatureStatus.Published);
        var status = screening.InitialStatus(candidate);

        SignOutcome? outcome;
        try
        {
            outcome = await writer.RunAsync(tx => emails.Confirm(tx, hash, status), cancellationToken);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("busy", StringComparison.Ordinal))
        {
            logger.LogWarning("A confirmation was refused: the signature writer is busy");
            Found = true;
            Busy = true;
            Response.Headers.RetryAfter = "10";
            var busy = Page();
            busy.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return busy;
        }

        if (outcome is not { } confirmed)
        {
            return NotFoundPage();
        }

        logger.LogInformation("Signature {SignatureId} confirmed", confirmed.SignatureId);
        var receipt = new SignatureReceipt(confirmed.Number, confirmed.Number is null, signature.Actions);
        return Redirect("/pledge/thank-you?r=" + Uri.EscapeDataString(receipts.Create(receipt)));
    }

    private async Task<Signature?> FindAsync(CancellationToken cancellationToken)
    {
        var hash = ManageToken.TryHash(Token);
        if (hash is null)
        {
            return null;
        }

        var signature = await db.Signatures.AsNoTracking()
            .SingleOrDefaultAsync(s => s.ManageTokenHash == hash && s.Status == SignatureStatus.Unconfirmed, cancellationToken);
        Found = signature is not null;
        return signature;
    }

    private PageResult NotFoundPage()
    {
        Found = false;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}

using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>
/// A signer's own page, reached by the personal link in their email (<c>/pledge/manage?token=...</c>):
/// their signature as the public sees it, how their name appears, and withdrawal. The GET changes
/// nothing, so a mail scanner fetching the link does no harm; changes are POSTs with antiforgery. Every
/// change goes through the <see cref="SignatureWriter"/>, so the count and live feeds follow at once.
/// An unknown, replaced or expired link gets the same friendly 404, saying nothing about why.
/// </summary>
public class ManageModel(
    AppDbContext db,
    SignatureWriter writer,
    AuditLog audit,
    Microsoft.Extensions.Options.IOptions<CampaignOptions> campaign,
    ILogger<ManageModel> logger) : PageModel
{
    public string CampaignContact => campaign.Value.ContactEmail;

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NameDisplay { get; set; }

    public Signature? Signature { get; private set; }

    /// <summary>How the signature reads in the public list (whatever its status).</summary>
    public PublicSignature? Public { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        NoStore();
        return await LoadAsync(cancellationToken) ? Page() : LinkNotFound();
    }

    public async Task<IActionResult> OnPostDisplayAsync(CancellationToken cancellationToken)
    {
        NoStore();
        var hash = ManageToken.TryHash(Token);
        if (hash is null || !await LoadAsync(cancellationToken))
        {
            return LinkNotFound();
        }

        var choice = SignatureInput.NameDisplayChoices.FirstOrDefault(c => c.Value == NameDisplay);
        if (choice.Value is null)
        {
            ModelState.AddModelError(nameof(NameDisplay), "Choose how your name appears");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (done, changed) = await RunAsync(tx => SignerChanges.ChangeNameDisplay(tx, hash, choice.Display), cancellationToken);
        if (!done)
        {
            return Busy();
        }

        if (!changed)
        {
            return LinkNotFound();
        }

        logger.LogInformation("Signer changed how their name appears on signature {SignatureId}", Signature!.Id);
        TempData["Status"] = "Saved. Your signature now appears as shown below.";
        return Redirect("/pledge/manage?token=" + Uri.EscapeDataString(Token!));
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        NoStore();
        var hash = ManageToken.TryHash(Token);
        if (hash is null)
        {
            return LinkNotFound();
        }

        if (!await LoadAsync(cancellationToken))
        {
            return LinkNotFound();
        }

        var (done, withdrawn) = await RunAsync(tx => SignerChanges.Withdraw(tx, hash), cancellationToken);
        if (!done)
        {
            return Busy();
        }

        if (withdrawn is not { } id)
        {
            return LinkNotFound();
        }

        // Only the signature's id (now pointing at nothing): no name, no address.
        await audit.RecordAsync(AuditActions.SignatureWithdrawn, "Signature", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            actor: new AuditActor(null, "signer"), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Signer withdrew signature {SignatureId}", id);
        return Redirect("/pledge/withdrawn");
    }

    /// <summary>Runs the change in the writer; false when it is too busy to take it (nothing changed).</summary>
    private async Task<(bool Done, T Result)> RunAsync<T>(Func<SignatureTransaction, T> work, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await writer.RunAsync(work, cancellationToken));
        }
        catch (WriterBusyException)
        {
            logger.LogWarning("A signer's change was refused: the signature writer is busy");
            return (false, default!);
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var hash = ManageToken.TryHash(Token);
        if (hash is null)
        {
            return false;
        }

        Signature = await db.Signatures.AsNoTracking().SingleOrDefaultAsync(s => s.ManageTokenHash == hash, cancellationToken);
        if (Signature is null)
        {
            return false;
        }

        var s = Signature;
        Public = new SignatureFacts(s.Number ?? 0, s.SignatoryType, s.Name, s.NameDisplay, s.Affiliation, s.Detail, s.Actions, s.SignedAt).ToPublic();
        NameDisplay ??= SignatureInput.NameDisplayChoices.First(c => c.Display == s.NameDisplay).Value;
        return true;
    }

    /// <summary>The page without a signature: "this link does not work", as a 404.</summary>
    private PageResult LinkNotFound()
    {
        Signature = null;
        Public = null;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    private PageResult Busy()
    {
        Response.Headers.RetryAfter = ((int)SigningResult.BusyRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        ModelState.AddModelError(string.Empty, "So many people are using the site right now that we could not save your change. Please wait a few seconds and try again.");
        var page = Page();
        page.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return page;
    }

    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store";
    }
}

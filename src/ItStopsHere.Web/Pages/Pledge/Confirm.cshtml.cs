using ItStopsHere.Web.Content;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>
/// Double opt-in: the link in the confirmation email lands here. The GET only shows a button (mail
/// scanners fetch links, and must not confirm anything, as the UK petitions site learned); the POST
/// confirms through <see cref="SigningService.ConfirmAsync"/>, which gives the signature its public
/// number (or holds it for a moderator, as a new signature would be) and sends the thank-you with a
/// manage link.
/// </summary>
public class ConfirmModel(SigningService signing, IOptions<CampaignOptions> campaign) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Found { get; private set; }

    public string CampaignContact => campaign.Value.ContactEmail;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        return await signing.IsAwaitingConfirmationAsync(Token, cancellationToken) ? Shown() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var result = await signing.ConfirmAsync(Token, cancellationToken);
        switch (result.Kind)
        {
            case SigningResultKind.NotFound:
                return NotFoundPage();
            case SigningResultKind.Busy:
                ModelState.AddModelError(string.Empty, "So many people are signing right now that we could not confirm your signature. Please wait a few seconds and press the button again.");
                Response.Headers.RetryAfter = ((int)SigningResult.BusyRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var busy = Shown();
                busy.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return busy;
            default:
                return Redirect(result.ThankYouUrl!);
        }
    }

    private PageResult Shown()
    {
        Found = true;
        return Page();
    }

    private PageResult NotFoundPage()
    {
        Found = false;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}

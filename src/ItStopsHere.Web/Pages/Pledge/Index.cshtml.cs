using FluentValidation;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>
/// The pledge: its text, the live count and feed, and the form. A post passes the form's own checks
/// (honeypot, form token), then the validator, then <see cref="SigningService"/>, whose answer comes once
/// the signature is durably committed; then post-redirect-get to the thank-you page. Posting is
/// rate-limited per client; reading is not.
/// </summary>
[EnableRateLimiting(PledgeSigningRateLimit.PolicyName)]
public class IndexModel(
    IValidator<SignatureInput> validator,
    PledgeFormToken formTokens,
    SigningService signing,
    ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The model-state key of messages about the whole form; the error summary links them to the button.</summary>
    public const string FormErrorKey = "Input.Form";

    [BindProperty]
    public SignatureInput Input { get; set; } = new();

    public void OnGet() => Input.FormToken = formTokens.Issue();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Only the validator decides what is valid (no automatic MVC validation).
        ModelState.Clear();

        if (!string.IsNullOrEmpty(Input.Website))
        {
            logger.LogWarning("Pledge signing refused: honeypot field filled in");
            Input.Website = null;
            return Refused("Sorry, we could not accept this form. Please check your details and press \"Sign the pledge\" again.");
        }

        var form = formTokens.Read(Input.FormToken);
        switch (form.Check)
        {
            case FormTokenCheck.TooFast:
                logger.LogWarning("Pledge signing refused: sent faster than a person could type");
                Input.FormToken = formTokens.Issue();
                return Refused("That was quicker than we expected. Please check your details and press \"Sign the pledge\" again.");
            case FormTokenCheck.ExpiredOrInvalid:
                logger.LogInformation("Pledge signing refused: form expired or token invalid");
                Input.FormToken = formTokens.Issue();
                return Refused("This form has expired. Please check your details and press \"Sign the pledge\" again.");
        }

        Input.Normalise();
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelStateInFormOrder(this, nameof(Input));
            // The same form, corrected, can still sign: a new one-time token with the time it was first served.
            Input.FormToken = formTokens.IssueAgain(form);
            return Invalid(StatusCodes.Status400BadRequest);
        }

        var result = await signing.SignAsync(Input.ToNewSignature(), form, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        switch (result.Kind)
        {
            case SigningResultKind.FormAlreadyUsed:
                Input.FormToken = formTokens.Issue();
                return Refused("This form has already been used to sign the pledge. To sign again, for example for someone else, check the details below and press \"Sign the pledge\".");
            case SigningResultKind.Busy:
                Response.Headers.RetryAfter = ((int)SigningResult.BusyRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                ModelState.AddModelError(FormErrorKey, "So many people are signing right now that we could not save your signature. Please wait a few seconds and press \"Sign the pledge\" again.");
                return Invalid(StatusCodes.Status503ServiceUnavailable);
            default:
                return Redirect(result.ThankYouUrl!);
        }
    }

    /// <summary>The form shown again with one message about the whole form (400).</summary>
    private PageResult Refused(string message)
    {
        ModelState.AddModelError(FormErrorKey, message);
        return Invalid(StatusCodes.Status400BadRequest);
    }

    private PageResult Invalid(int statusCode)
    {
        var page = Page();
        page.StatusCode = statusCode;
        return page;
    }
}

using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>
/// The pledge: its text, the live count and feed, and the form. A valid post is handed to the
/// signature store, and the response waits until it is durably committed before redirecting to the
/// thank-you page. Posting is rate-limited per client; reading is not.
/// </summary>
[EnableRateLimiting(PledgeSigningRateLimit.PolicyName)]
public class IndexModel(
    IValidator<SignatureInput> validator,
    ISignatureStore store,
    ISignatureScreening screening,
    PledgeFormToken formTokens,
    SignatureReceipts receipts,
    ClientHasher hasher,
    PledgeFeed feed,
    TimeProvider clock,
    ILogger<IndexModel> logger,
    Microsoft.Extensions.Options.IOptions<PledgeOptions> pledgeOptions) : PageModel
{
    /// <summary>Field name → the id an error summary link should jump to (the first control of a group).</summary>
    private static readonly IReadOnlyList<(string Field, string Anchor)> FieldOrder =
    [
        ("SigningAs", "signing-as-individual"),
        ("Name", "name"),
        ("Affiliation", "affiliation-student"),
        ("Detail", "detail"),
        ("Email", "email"),
        ("Actions", "actions-report-and-support"),
        ("NameDisplay", "name-display-first-name-and-initial"),
        ("Form", "sign-button"),
    ];

    [BindProperty]
    public SignatureInput Input { get; set; } = new();

    public IReadOnlyList<(string Message, string Href)> Errors { get; private set; } = [];

    public PledgeSnapshot Snapshot => feed.Current;

    public void OnGet() => Input.FormToken = formTokens.Issue();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Only the validator decides what is valid (no automatic MVC validation).
        ModelState.Clear();

        if (!string.IsNullOrEmpty(Input.Website))
        {
            logger.LogWarning("Pledge signing refused: honeypot field filled in");
            ModelState.AddModelError("Input.Form", "Sorry, we could not accept this form. Please check your details and press \"Sign the pledge\" again.");
            Input.Website = null;
            return Invalid(StatusCodes.Status400BadRequest);
        }

        var form = formTokens.Read(Input.FormToken);
        switch (form.Check)
        {
            case FormTokenCheck.TooFast:
                logger.LogWarning("Pledge signing refused: sent faster than a person could type");
                ModelState.AddModelError("Input.Form", "That was quicker than we expected. Please check your details and press \"Sign the pledge\" again.");
                Input.FormToken = formTokens.Issue();
                return Invalid(StatusCodes.Status400BadRequest);
            case FormTokenCheck.ExpiredOrInvalid:
                logger.LogInformation("Pledge signing refused: form expired or token invalid");
                ModelState.AddModelError("Input.Form", "This form has expired. Please check your details and press \"Sign the pledge\" again.");
                Input.FormToken = formTokens.Issue();
                return Invalid(StatusCodes.Status400BadRequest);
        }

        Input.Normalise();
        var result = await validator.ValidateAsync(Input, cancellationToken);
        if (!result.IsValid)
        {
            result.AddToModelState(ModelState, nameof(Input));
            // The same form, corrected, can still sign: a new one-time token with the time it was first served.
            Input.FormToken = formTokens.Issue(form.ServedAt ?? clock.GetUtcNow());
            return Invalid(StatusCodes.Status400BadRequest);
        }

        // One page load, one signing: a form that has signed cannot be sent again with another address.
        if (!formTokens.TryUse(form, NewSignature.NormalizeEmail(Input.Email!)))
        {
            logger.LogWarning("Pledge signing refused: the form had already been used to sign");
            ModelState.AddModelError("Input.Form", "This form has already been used to sign the pledge. To sign again, for example for someone else, check the details below and press \"Sign the pledge\".");
            Input.FormToken = formTokens.Issue();
            return Invalid(StatusCodes.Status400BadRequest);
        }

        var signature = Input.ToNewSignature(hasher.Hash(HttpContext.Connection.RemoteIpAddress), clock.GetUtcNow());
        signature = signature with { InitialStatus = screening.InitialStatus(signature), Link = Email.EmailAddresses.IsValid(signature.Email) ? PersonalLink.Create() : null };
        // Double opt-in: nothing is counted or shown until the link in the email is followed (screening runs again then).
        var confirming = pledgeOptions.Value.RequireEmailConfirmation;
        if (confirming)
        {
            signature = signature with { InitialStatus = SignatureStatus.Unconfirmed };
        }

        var outcome = await store.AddAsync(signature, cancellationToken);

        SignatureReceipt receipt;
        switch (outcome.Kind)
        {
            case SignOutcomeKind.Added:
                receipt = new SignatureReceipt(outcome.Number, outcome.Number is null, signature.Actions, confirming);
                break;
            case SignOutcomeKind.Duplicate:
                // The same answer as a first signing, so the page never reveals that an address has signed:
                // the number shown is where a new signature would stand now.
                var held = signature.InitialStatus != SignatureStatus.Published;
                receipt = new SignatureReceipt(held ? null : Math.Max(1, feed.Current.LastNumber), held, signature.Actions, confirming);
                break;
            default:
                logger.LogWarning("Pledge signing not stored: {Outcome}", outcome.Kind);
                Response.Headers.RetryAfter = "10";
                ModelState.AddModelError("Input.Form", "So many people are signing right now that we could not save your signature. Please wait a few seconds and press \"Sign the pledge\" again.");
                return Invalid(StatusCodes.Status503ServiceUnavailable);
        }

        return Redirect("/pledge/thank-you?r=" + Uri.EscapeDataString(receipts.Create(receipt)));
    }

    /// <summary>The message for one field, if it has an error.</summary>
    public string? ErrorFor(string field) =>
        ModelState.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public bool IsChosen(string value) => Input.Actions?.Contains(value) == true;

    private PageResult Invalid(int statusCode)
    {
        Errors = FieldOrder
            .Select(f => (Message: ErrorFor(f.Field), Href: "#" + f.Anchor))
            .Where(e => e.Message is not null)
            .Select(e => (e.Message!, e.Href))
            .ToList();
        ViewData["HasErrors"] = true;
        var page = Page();
        page.StatusCode = statusCode;
        return page;
    }
}

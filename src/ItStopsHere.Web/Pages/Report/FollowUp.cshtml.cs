using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

/// <summary>
/// <c>/report/follow-up</c>: the access code (or a named reporter's personal link) opens the conversation:
/// the advisers' replies, a reply box, "delete my report" and "leave". Wrong codes are slowed per client,
/// per code and site-wide (<see cref="ReportStore.OpenWithCodeAsync"/>).
/// </summary>
[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class FollowUpModel(
    IOptions<ReportingOptions> options,
    ReportStore store,
    ReportSession session,
    IValidator<CodeInput> codeValidator,
    IValidator<MessageInput> messageValidator) : PageModel
{
    [BindProperty]
    public CodeInput CodeInput { get; set; } = new();

    [BindProperty]
    public MessageInput Reply { get; set; } = new();

    public ReporterView? Conversation { get; private set; }

    public bool LinkExpired { get; private set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? token, [FromQuery] bool sent, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        if (token is not null)
        {
            if (await store.OpenWithLinkAsync(token, cancellationToken) is { } linked)
            {
                session.SignIn(HttpContext, linked);
                // Take the token out of the address bar (and so out of any screenshot or shared screen).
                return RedirectToPage("/Report/FollowUp");
            }

            LinkExpired = true;
            return Page();
        }

        Sent = sent;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCodeAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        var validation = await codeValidator.ValidateAsync(CodeInput, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(CodeInput));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var check = await store.OpenWithCodeAsync(CodeInput.Code, ReportClient.Of(HttpContext), cancellationToken);
        if (check.MustWait)
        {
            ModelState.AddModelError("CodeInput.Code", $"Too many codes were tried. Wait {ReportClient.Minutes(check.Wait)}, then try again.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        if (check.ReportId is not { } id)
        {
            ModelState.AddModelError("CodeInput.Code", "That code does not open a report. Check it and try again");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        session.SignIn(HttpContext, id);
        return RedirectToPage("/Report/FollowUp");
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        if (session.Current(HttpContext) is not { } id)
        {
            return RedirectToPage("/Report/FollowUp");
        }

        var validation = await messageValidator.ValidateAsync(Reply, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Reply));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(cancellationToken);
        }

        if (!await store.AddReporterMessageAsync(id, Reply.Text!.Trim(), cancellationToken))
        {
            session.SignOut(HttpContext);
            return RedirectToPage("/Report/FollowUp");
        }

        return RedirectToPage("/Report/FollowUp", null, new { sent = true }, "conversation");
    }

    /// <summary>"Leave": forget this browser's session; the next page clears the site's data from the browser.</summary>
    public IActionResult OnPostLeave()
    {
        session.SignOut(HttpContext);
        return RedirectToPage("/Report/Left");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (session.Current(HttpContext) is { } id)
        {
            Conversation = await store.ReporterViewAsync(id, cancellationToken);
            if (Conversation is null)
            {
                session.SignOut(HttpContext);
            }
        }

        return Page();
    }
}

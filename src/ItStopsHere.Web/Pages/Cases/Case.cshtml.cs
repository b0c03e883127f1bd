using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Pages.Report;
using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Cases;

/// <summary>
/// <c>/cases/{id}</c>. A Case manager sees the minimal details, assigns and closes; the assigned Adviser
/// reads the whole report, writes to the reporter, keeps private notes and records the outcome. Anyone
/// else (another adviser included) gets 404, from the queries themselves (<see cref="CaseDesk"/>).
/// </summary>
[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class CaseModel(
    CaseDesk desk,
    TimeProvider clock,
    IValidator<AssignInput> assignValidator,
    IValidator<MessageInput> messageValidator,
    IValidator<CloseInput> closeValidator) : PageModel
{
    [BindProperty]
    public AssignInput Assign { get; set; } = new();

    [BindProperty]
    public MessageInput Reply { get; set; } = new();

    [BindProperty]
    public MessageInput Note { get; set; } = new();

    [BindProperty]
    public CloseInput Close { get; set; } = new();

    public CaseViewer Viewer { get; private set; } = new("", false, false);

    public CaseSummary Summary { get; private set; } = null!;

    public CaseDetails? Details { get; private set; }

    public IReadOnlyList<(string Id, string Name)> Advisers { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>Which form was posted, so its error shows beside it.</summary>
    public string? Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken cancellationToken)
    {
        Viewer = CaseViewers.Of(User);
        if (!Viewer.IsCaseManager || await desk.SummaryAsync(id, Viewer, cancellationToken) is null)
        {
            return NotFound();
        }

        Posted = "assign";
        var validation = await assignValidator.ValidateAsync(Assign, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Assign));
        if (ModelState.IsValid && !await desk.AssignAsync(id, Assign.AdviserId!, Viewer, cancellationToken))
        {
            ModelState.AddModelError("Assign.AdviserId", "Select an adviser from the list");
        }

        return await AfterPostAsync(id, "The case has been assigned. The adviser has been emailed (with no details).", cancellationToken);
    }

    public Task<IActionResult> OnPostReplyAsync(Guid id, CancellationToken cancellationToken) =>
        WriteAsync(id, ReportMessageKind.ToReporter, Reply, nameof(Reply), "Your message has been sent to the reporter.", cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken) =>
        WriteAsync(id, ReportMessageKind.Note, Note, nameof(Note), "Your note has been added.", cancellationToken);

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken)
    {
        Viewer = CaseViewers.Of(User);
        var summary = await desk.SummaryAsync(id, Viewer, cancellationToken);
        if (summary is null)
        {
            return NotFound();
        }

        Posted = "close";
        var validation = await closeValidator.ValidateAsync(Close, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Close));
        if (ModelState.IsValid && !await desk.CloseAsync(id, Close.Outcome?.Trim(), Viewer, cancellationToken))
        {
            ModelState.AddModelError("Close.Outcome", summary.State == ReportState.Closed ? "The case is already closed" : "Only the assigned adviser can record an outcome");
        }

        return await AfterPostAsync(id, "The case is closed. It opens again if the reporter writes.", cancellationToken);
    }

    /// <summary>Opens a closed case again: its Case manager or its adviser (anyone else: 404).</summary>
    public async Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken cancellationToken)
    {
        Viewer = CaseViewers.Of(User);
        var summary = await desk.SummaryAsync(id, Viewer, cancellationToken);
        if (summary is null || !(Viewer.IsCaseManager || (Viewer.IsAdviser && summary.AdviserId == Viewer.UserId)))
        {
            return NotFound();
        }

        Posted = "reopen";
        if (!await desk.ReopenAsync(id, Viewer, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, "The case is not closed, so there is nothing to reopen.");
        }

        return await AfterPostAsync(id, "The case is open again.", cancellationToken);
    }

    private async Task<IActionResult> WriteAsync(Guid id, ReportMessageKind kind, MessageInput input, string prefix, string done, CancellationToken cancellationToken)
    {
        Viewer = CaseViewers.Of(User);
        var summary = await desk.SummaryAsync(id, Viewer, cancellationToken);
        if (summary is null || summary.AdviserId != Viewer.UserId || !Viewer.IsAdviser)
        {
            return NotFound();
        }

        Posted = prefix;
        var validation = await messageValidator.ValidateAsync(input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, prefix);
        if (ModelState.IsValid)
        {
            await desk.WriteAsync(id, kind, input.Text!.Trim(), Viewer, cancellationToken);
        }

        return await AfterPostAsync(id, done, cancellationToken);
    }

    private async Task<IActionResult> AfterPostAsync(Guid id, string done, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            TempData["Status"] = done;
            return RedirectToPage("/Cases/Case", new { id });
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Viewer = CaseViewers.Of(User);
        Now = clock.GetUtcNow();
        var summary = await desk.SummaryAsync(id, Viewer, cancellationToken);
        if (summary is null)
        {
            return false;
        }

        Summary = summary;
        if (Viewer.IsAdviser && summary.AdviserId == Viewer.UserId)
        {
            Details = await desk.OpenAsync(id, Viewer, cancellationToken);
        }

        if (Viewer.IsCaseManager)
        {
            Advisers = await desk.AdvisersAsync(cancellationToken);
        }

        return true;
    }
}

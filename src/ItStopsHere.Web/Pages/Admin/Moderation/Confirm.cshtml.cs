using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Moderation;

/// <summary>What a moderator confirms: the action, the signatures, and (for hiding) a reason.</summary>
public sealed class ModerationInput
{
    public string? Do { get; set; }

    public List<long> Ids { get; set; } = [];

    /// <summary>One of <see cref="SignatureModeration.HideReasons"/>, or "other".</summary>
    public string? Reason { get; set; }

    public string? OtherReason { get; set; }

    public string? ReturnUrl { get; set; }

    public ModerationAction? Action => Enum.TryParse<ModerationAction>(Do, ignoreCase: true, out var action) && Enum.IsDefined(action) ? action : null;

    /// <summary>The reason as it goes in the audit log.</summary>
    public string? ReasonText => Reason == "other" ? OtherReason?.Trim() : Reason;
}

public sealed class ModerationInputValidator : AbstractValidator<ModerationInput>
{
    public const int MaxSignatures = 200;

    public ModerationInputValidator()
    {
        RuleFor(i => i.Action).NotNull().WithMessage("Choose what to do: approve, hide, restore or delete");
        RuleFor(i => i.Ids).NotEmpty().WithMessage("Tick at least one signature")
            .Must(ids => ids.Count <= MaxSignatures).WithMessage($"Choose {MaxSignatures} signatures or fewer at a time");
        When(i => i.Action == ModerationAction.Hide, () =>
        {
            RuleFor(i => i.Reason).Must(r => r == "other" || SignatureModeration.HideReasons.Contains(r))
                .WithMessage("Choose why you are hiding the signature");
            RuleFor(i => i.OtherReason).NotEmpty().When(i => i.Reason == "other")
                .WithMessage("Write the reason for hiding the signature");
        });
        RuleFor(i => i.OtherReason).MaximumLength(200).WithMessage("Write the reason in 200 characters or fewer");
        RuleFor(i => i.Reason).Must(r => r is null || r == "other" || SignatureModeration.HideReasons.Contains(r) || r.Length <= 200)
            .WithMessage("Write the reason in 200 characters or fewer");
    }
}

/// <summary>
/// The confirmation step of every moderation action, single or bulk: lists exactly what will change (and
/// what will be skipped because its status does not allow the action), asks for a reason when hiding, and
/// only the POST changes anything.
/// </summary>
public class ConfirmModel(AppDbContext db, SignatureModeration moderation, AuditLog audit, IValidator<ModerationInput> validator) : PageModel
{
    [BindProperty]
    public ModerationInput Input { get; set; } = new();

    public IReadOnlyList<SignatureRow> Rows { get; private set; } = [];

    public IReadOnlyList<SignatureRow> WillChange => Input.Action is { } a ? Rows.Where(r => SignatureModeration.Applies(a, r.Status)).ToList() : [];

    public IReadOnlyList<SignatureRow> WillSkip => Input.Action is { } a ? Rows.Where(r => !SignatureModeration.Applies(a, r.Status)).ToList() : Rows;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "do")] string? action, [FromQuery(Name = "id")] List<long>? ids, string? returnUrl, CancellationToken cancellationToken)
    {
        Input = new ModerationInput { Do = action, Ids = ids ?? [], ReturnUrl = returnUrl };
        ModelState.Clear();
        var result = await validator.ValidateAsync(Input, options => options.IncludeProperties(nameof(ModerationInput.Action), nameof(ModerationInput.Ids)), cancellationToken);
        // Arriving with nothing ticked is a normal step back, not a bad request: the page says what to do.
        // The action and the tick boxes are on the list page, not here, so the messages are not links.
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.Empty, error.ErrorMessage);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await validator.ValidateAsync(Input, cancellationToken);
        if (!result.IsValid)
        {
            result.AddToModelState(ModelState, nameof(Input));
            return await InvalidAsync(cancellationToken);
        }

        var action = Input.Action!.Value;
        var outcome = await moderation.ApplyAsync(action, Input.Ids, Input.ReasonText, audit.CurrentActor(), cancellationToken);
        var message = outcome.Changed.Count == 1
            ? $"1 signature was {SignatureModeration.PastTense(action)}."
            : $"{outcome.Changed.Count} signatures were {SignatureModeration.PastTense(action)}.";
        if (outcome.Skipped.Count > 0)
        {
            message += $" {outcome.Skipped.Count} had already changed and {(outcome.Skipped.Count == 1 ? "was" : "were")} left as {(outcome.Skipped.Count == 1 ? "it was" : "they were")}.";
        }

        TempData["Status"] = message;
        return LocalRedirect(SafeReturnUrl);
    }

    /// <summary>Only the moderation pages themselves, so the link cannot send a moderator anywhere else.</summary>
    public string SafeReturnUrl =>
        Input.ReturnUrl is { } url && url.StartsWith("/admin/moderation", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && Url.IsLocalUrl(url)
            ? url
            : "/admin/moderation";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var ids = Input.Ids.Distinct().ToList();
        Rows = await SignatureSearch.Rows(db.Signatures.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderByDescending(s => s.Id)).ToListAsync(cancellationToken);
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}

using System.Globalization;
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

public sealed class OfflinePledgeInput
{
    public string? Count { get; set; }

    /// <summary>yyyy-MM-dd, as a date input sends it.</summary>
    public string? CollectedOn { get; set; }

    public string? Location { get; set; }

    public string? Note { get; set; }

    public int? CountValue => int.TryParse(Count?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public DateOnly? DateValue => DateOnly.TryParseExact(CollectedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public sealed class OfflinePledgeInputValidator : AbstractValidator<OfflinePledgeInput>
{
    public OfflinePledgeInputValidator(TimeProvider clock)
    {
        RuleFor(i => i.Count).NotEmpty().WithMessage("Enter how many pledges were collected")
            .Must((input, _) => input.CountValue is >= 1 and <= 100_000).When(i => !string.IsNullOrWhiteSpace(i.Count), ApplyConditionTo.CurrentValidator)
            .WithMessage("Enter a whole number between 1 and 100,000");
        RuleFor(i => i.CollectedOn).NotEmpty().WithMessage("Enter the date they were collected")
            .Must((input, _) => input.DateValue is not null).When(i => !string.IsNullOrWhiteSpace(i.CollectedOn), ApplyConditionTo.CurrentValidator)
            .WithMessage("Enter a real date, for example 2026-11-25")
            .Must((input, _) => input.DateValue is not { } d || d <= DateOnly.FromDateTime(UkFormat.ToLondon(clock.GetUtcNow()).DateTime))
            .WithMessage("The date cannot be in the future");
        RuleFor(i => i.Location).NotEmpty().WithMessage("Enter where they were collected, for example \"Freshers' fair, Strand\"")
            .MaximumLength(120).WithMessage("Write where in 120 characters or fewer");
        RuleFor(i => i.Note).MaximumLength(500).WithMessage("Write the note in 500 characters or fewer");
    }
}

/// <summary>
/// Pledges collected on paper or at a stall: a moderator records each batch (how many, when, where), and
/// the public total includes them at once. Batches can be deleted if entered by mistake; both are audited.
/// </summary>
public class OfflineModel(AppDbContext db, OfflinePledges offline, AuditLog audit, IValidator<OfflinePledgeInput> validator) : PageModel
{
    [BindProperty]
    public OfflinePledgeInput Input { get; set; } = new();

    public IReadOnlyList<OfflinePledge> Batches { get; private set; } = [];

    public long Total => Batches.Sum(b => (long)b.Count);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Input.Location = Input.Location?.Trim();
        Input.Note = string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note.Trim();
        var result = await validator.ValidateAsync(Input, cancellationToken);
        if (!result.IsValid)
        {
            result.AddToModelState(ModelState, nameof(Input));
            await LoadAsync(cancellationToken);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var pledge = new NewOfflinePledge(Input.CountValue!.Value, Input.DateValue!.Value, Input.Location!, Input.Note);
        await offline.AddAsync(pledge, audit.CurrentActor(), cancellationToken);
        TempData["Status"] = $"{UkFormat.Number(pledge.Count)} offline {(pledge.Count == 1 ? "pledge was" : "pledges were")} added to the total.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var deleted = await offline.DeleteAsync(id, null, audit.CurrentActor(), cancellationToken);
        TempData["Status"] = deleted ? "The batch was deleted and taken off the total." : "That batch had already been deleted.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Batches = await db.Set<OfflinePledge>().AsNoTracking().OrderByDescending(b => b.CollectedOn).ThenByDescending(b => b.Id).ToListAsync(cancellationToken);
}

using System.Globalization;
using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin;

public sealed class PledgeSettingsInput
{
    /// <summary>"post" or "pre".</summary>
    public string? Mode { get; set; }

    /// <summary>One word or phrase a line.</summary>
    public string? HeldWords { get; set; }

    public string? BurstLimit { get; set; }

    public string? BurstMinutes { get; set; }

    public string? Goal { get; set; }

    public static int? Number(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}

public sealed class PledgeSettingsInputValidator : AbstractValidator<PledgeSettingsInput>
{
    public PledgeSettingsInputValidator()
    {
        RuleFor(i => i.Mode).Must(m => m is "post" or "pre").WithMessage("Choose post-moderation or pre-moderation");
        RuleFor(i => i.HeldWords).MaximumLength(10_000).WithMessage("Keep the word list under 10,000 characters");
        RuleFor(i => i.BurstLimit).Must(v => PledgeSettingsInput.Number(v) is >= 1 and <= 1_000_000)
            .WithMessage("Enter a whole number of signatures between 1 and 1,000,000");
        RuleFor(i => i.BurstMinutes).Must(v => PledgeSettingsInput.Number(v) is >= 1 and <= 1440)
            .WithMessage("Enter a whole number of minutes between 1 and 1,440");
        RuleFor(i => i.Goal).Must(v => PledgeSettingsInput.Number(v) is >= 1 and <= 10_000_000)
            .WithMessage("Enter a goal between 1 and 10,000,000 signatures");
    }
}

/// <summary>
/// The pledge's moderation mode, the auto-hold rules and the goal. Saved in the database over the
/// configured defaults, used from the next signing on (no restart), and audited old → new.
/// </summary>
public class PledgeSettingsModel(PledgeSettingsStore settings, AppDbContext db, AuditLog audit, IValidator<PledgeSettingsInput> validator) : PageModel
{
    [BindProperty]
    public PledgeSettingsInput Input { get; set; } = new();

    public ModerationSettings Defaults => settings.Defaults;

    public void OnGet()
    {
        var current = settings.Current;
        Input = new PledgeSettingsInput
        {
            Mode = current.PreModeration ? "pre" : "post",
            HeldWords = string.Join('\n', current.HeldWords),
            BurstLimit = current.BurstLimit.ToString(CultureInfo.InvariantCulture),
            BurstMinutes = current.BurstMinutes.ToString(CultureInfo.InvariantCulture),
            Goal = current.Goal.ToString(CultureInfo.InvariantCulture),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await validator.ValidateAsync(Input, cancellationToken);
        if (!result.IsValid)
        {
            result.AddToModelState(ModelState, nameof(Input));
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var updated = new ModerationSettings(
            Input.Mode == "pre",
            PledgeSettingsStore.NormaliseWords([Input.HeldWords ?? ""]),
            PledgeSettingsInput.Number(Input.BurstLimit)!.Value,
            PledgeSettingsInput.Number(Input.BurstMinutes)!.Value,
            PledgeSettingsInput.Number(Input.Goal)!.Value);
        await settings.SaveAsync(updated, audit, db, cancellationToken);
        TempData["Status"] = "The pledge settings were saved. They apply from the next signature.";
        return RedirectToPage();
    }
}

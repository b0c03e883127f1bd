using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Settings;

/// <summary>One setting on the page: its field, whether it differs from the default, and the default in words.</summary>
public sealed record SettingView(CampaignSettingField Setting, FormField Field, bool IsChanged, string Default);

/// <summary>
/// The campaign's contact details, links and impact figures, which start as configured and which an
/// Admin may change here. Each changed value can be put back to its default on its own.
/// </summary>
public class IndexModel(CampaignSettingsWriter writer, IValidator<SettingsInput> validator) : PageModel
{
    public const string ResetFormId = "reset-settings";

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public CampaignOptions Defaults { get; private set; } = new();

    public void OnGet()
    {
        Load();
        Input = SettingsInput.From(key => writer.Current(CampaignSettingFields.Find(key)!, Defaults));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Load();
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var saved = await writer.SaveAsync(Input.Values(), cancellationToken);
        if (saved.Error is not null)
        {
            ModelState.AddModelError(string.Empty, saved.Error);
            return Invalid();
        }

        TempData["Status"] = saved.Changed switch
        {
            0 => "There were no changes to save.",
            1 => "1 setting changed. The site shows it now.",
            var n => $"{n} settings changed. The site shows them now.",
        };
        return RedirectToPage();
    }

    /// <summary>Puts one setting back to its default. <paramref name="key"/> comes from the button pressed.</summary>
    public async Task<IActionResult> OnPostResetAsync(string? key, CancellationToken cancellationToken)
    {
        var reset = string.IsNullOrEmpty(key) || key.Length > 100 ? null : await writer.ResetAsync(key, cancellationToken);
        if (reset is null)
        {
            return BadRequest();
        }

        TempData["Status"] = $"{reset} is back to its default.";
        return RedirectToPage();
    }

    /// <summary>The contact settings, with their values from the form.</summary>
    public IEnumerable<SettingView> ContactSettings() => CampaignSettingFields.Contact.Select(View);

    private SettingView View(CampaignSettingField setting)
    {
        var property = SettingsInput.PropertyFor(setting.Key);
        var name = $"{nameof(Input)}.{property}";
        var fallback = setting.Read(Defaults) ?? "";
        var field = new FormField(name, setting.Label)
        {
            Type = setting.Kind switch
            {
                CampaignSettingKind.EmailAddress => "email",
                CampaignSettingKind.WebAddress or CampaignSettingKind.SecureWebAddress => "url",
                _ => "text",
            },
            Value = Input.Values()[setting.Key],
            Hint = setting.Hint,
            Error = ModelState.ErrorFor(name),
            SpellCheck = setting.Kind == CampaignSettingKind.Text,
            Autocomplete = "off",
            InputClass = setting.Group is null ? null : setting.Key.EndsWith(":Figure", StringComparison.Ordinal) ? "field__input--short" : "field__input--wide",
        };
        return new SettingView(setting, field, writer.IsChanged(setting.Key), fallback.Length == 0 ? "not set" : fallback);
    }

    private void Load()
    {
        Defaults = writer.Defaults();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

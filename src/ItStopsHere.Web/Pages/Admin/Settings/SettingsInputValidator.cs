using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Settings;

public class SettingsInputValidator : AbstractValidator<SettingsInput>
{
    public SettingsInputValidator()
    {
        RuleFor(i => i.ReportUrl)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(2000).WithMessage("The reporting tool's address must be 2,000 characters or fewer")
            .Must(url => WebAddress.IsHttp(url!.Trim())).WithMessage("Enter the reporting tool's full web address, starting with https://, or leave it empty")
            .When(i => !string.IsNullOrWhiteSpace(i.ReportUrl));
        RuleFor(i => i.AdviserEmail)
            .Must(EmailAddresses.IsValid).WithMessage("Enter the harassment advisers' email address in the right format, like advice@example.ac.uk, or leave it empty")
            .When(i => !string.IsNullOrWhiteSpace(i.AdviserEmail));
        RuleFor(i => i.TrainingEmail)
            .Must(EmailAddresses.IsValid).WithMessage("Enter the staff training email address in the right format, like training@example.ac.uk, or leave it empty")
            .When(i => !string.IsNullOrWhiteSpace(i.TrainingEmail));
        RuleFor(i => i.ContactEmail)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the campaign team's email address")
            .Must(EmailAddresses.IsValid).WithMessage("Enter the campaign team's email address in the right format, like itstopshere@example.ac.uk");
        RuleFor(i => i.QuickExitUrl)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the quick exit's web address")
            .MaximumLength(2000).WithMessage("The quick exit's address must be 2,000 characters or fewer")
            .Must(BeAbsoluteHttps).WithMessage("Enter the quick exit's full web address, starting with https://, like https://www.bbc.co.uk/weather");
    }

    private static bool BeAbsoluteHttps(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);
}

using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using AffiliationKind = ItStopsHere.Web.Data.Affiliation;
using NameDisplayKind = ItStopsHere.Web.Data.NameDisplay;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>The pledge form's rules, server-side and authoritative. Messages say what to do, GOV.UK style.</summary>
public sealed class SignatureInputValidator : AbstractValidator<SignatureInput>
{
    public SignatureInputValidator()
    {
        RuleFor(x => x.SigningAs)
            .Must(v => SignatureInput.SigningAsChoices.Any(c => c.Value == v))
            .WithMessage("Select whether you are signing as an individual, a team, a society or a department");

        RuleFor(x => x.Name)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(x => x.IsGroup ? "Enter the name of your team, society or department" : "Enter your name")
            .Must(v => PledgeText.Length(v!) <= 80).WithMessage("Name must be 80 characters or fewer")
            .Must(v => !PledgeText.HasForbiddenCharacters(v!)).WithMessage("Name must not include hidden or control characters")
            .Must(v => !PledgeText.LooksLikeUrl(v!) && !PledgeText.LooksLikeEmail(v!)).WithMessage("Name must not be a web address or an email address")
            .Must((x, v) => PledgeText.IsValidName(v!, x.IsGroup))
            .WithMessage(x => x.IsGroup
                ? "Name can only include letters, numbers, spaces, hyphens, apostrophes, full stops, commas, brackets and &"
                : "Name can only include letters, spaces, hyphens, apostrophes and full stops");

        RuleFor(x => x.Affiliation)
            .Must(v => SignatureInput.AffiliationChoices.Any(c => c.Value == v))
            .When(x => !x.IsGroup)
            .WithMessage("Select whether you are a student, a member of staff, both, alumni or other");

        RuleFor(x => x.Detail)
            .Cascade(CascadeMode.Stop)
            .Must(v => PledgeText.Length(v!) <= 60).WithMessage("Course, department or society must be 60 characters or fewer")
            .Must(v => !PledgeText.HasForbiddenCharacters(v!)).WithMessage("Course, department or society must not include hidden or control characters")
            .Must(v => !PledgeText.LooksLikeUrl(v!) && !PledgeText.LooksLikeEmail(v!))
            .WithMessage("Course, department or society must not include a web address or an email address")
            .When(x => !string.IsNullOrEmpty(x.Detail));

        RuleFor(x => x.Email)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your email address")
            .Must(v => v!.Length <= 254).WithMessage("Email address must be 254 characters or fewer")
            .Must(v => !PledgeText.HasForbiddenCharacters(v!) && PledgeText.IsValidEmail(v!))
            .WithMessage("Enter an email address in the correct format, like name@example.ac.uk");

        RuleFor(x => x.Actions)
            .Must(v => v is { Count: > 0 } && v.All(a => SignatureInput.ActionChoices.Any(c => c.Value == a)))
            .WithMessage("Select at least one action you commit to");

        RuleFor(x => x.NameDisplay)
            .Must(v => SignatureInput.NameDisplayChoices.Any(c => c.Value == v))
            .WithMessage("Select how your name appears");
    }
}

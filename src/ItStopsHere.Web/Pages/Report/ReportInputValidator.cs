using FluentValidation;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Web.Pages.Report;

public sealed class ReportInputValidator : AbstractValidator<ReportInput>
{
    public ReportInputValidator()
    {
        RuleFor(i => i.SafeNow)
            .Must(v => ReportChoices.IsOneOf(ReportChoices.Safety, v)).WithMessage("Select whether you are safe now");
        RuleFor(i => i.Categories)
            .Must(list => list.Count > 0).WithMessage("Select what happened, or “Something else”")
            .Must(list => list.All(c => ReportChoices.IsOneOf(ReportChoices.Categories, c))).WithMessage("Select what happened from the list");
        RuleFor(i => i.OtherCategory)
            .MaximumLength(ReportInput.OtherMaxLength).WithMessage($"Describe it in {ReportInput.OtherMaxLength} characters or fewer");
        RuleFor(i => i.When)
            .Must(v => ReportChoices.IsOneOf(ReportChoices.When, v)).WithMessage("Select when it happened, or “I'm not sure”");
        RuleFor(i => i.Date)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the date, for example 14/11/2026, or choose roughly when")
            .Must(d => LondonTime.TryParseDate(d, out _)).WithMessage("Enter the date as day/month/year, for example 14/11/2026")
            .When(i => i.When == "date");
        RuleFor(i => i.Place)
            .Must(v => ReportChoices.IsOneOf(ReportChoices.Places, v)).WithMessage("Select where it happened, or “Somewhere else”");
        RuleFor(i => i.Relationships)
            .Must(list => list.Count > 0).WithMessage("Select who was involved, or “I'd prefer not to say”")
            .Must(list => list.All(c => ReportChoices.IsOneOf(ReportChoices.Relationships, c))).WithMessage("Select who was involved from the list");
        RuleFor(i => i.WhoDetails)
            .MaximumLength(ReportInput.WhoMaxLength).WithMessage($"Tell us about them in {ReportInput.WhoMaxLength:N0} characters or fewer");
        RuleFor(i => i.Story)
            .MaximumLength(ReportInput.StoryMaxLength).WithMessage($"What happened must be {ReportInput.StoryMaxLength:N0} characters or fewer");
        RuleFor(i => i.Wishes)
            .Must(list => list.Count > 0).WithMessage("Select what you would like to happen")
            .Must(list => list.All(c => ReportChoices.IsOneOf(ReportChoices.Wishes, c))).WithMessage("Select what you would like from the list");

        When(i => i.Named, () =>
        {
            RuleFor(i => i.Name)
                .NotEmpty().WithMessage("Enter your name, so the adviser knows what to call you")
                .MaximumLength(ReportInput.NameMaxLength).WithMessage($"Your name must be {ReportInput.NameMaxLength} characters or fewer");
            RuleFor(i => i.Email)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter your email address, so we can tell you when the adviser writes")
                .Must(EmailAddresses.IsValid).WithMessage("Enter an email address in the correct format, like name@example.com");
            RuleFor(i => i.Phone)
                .Cascade(CascadeMode.Stop)
                .MaximumLength(ReportInput.PhoneMaxLength).WithMessage($"Your phone number must be {ReportInput.PhoneMaxLength} characters or fewer")
                .Matches(@"^\+?[0-9 ()-]{7,}$").WithMessage("Enter a phone number, like 07700 900 982")
                .When(i => !string.IsNullOrWhiteSpace(i.Phone));
            RuleFor(i => i.PreferredContact)
                .Must(v => ReportChoices.IsOneOf(ReportChoices.ContactMethods, v)).WithMessage("Select how you would like to be contacted");
            RuleFor(i => i.Phone)
                .NotEmpty().WithMessage("Enter your phone number, or choose to be contacted by email")
                .When(i => i.PreferredContact == "phone");
        });
    }
}

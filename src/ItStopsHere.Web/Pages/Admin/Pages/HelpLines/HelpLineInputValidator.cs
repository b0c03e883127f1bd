using FluentValidation;

namespace ItStopsHere.Web.Pages.Admin.Pages.HelpLines;

public class HelpLineInputValidator : AbstractValidator<HelpLineInput>
{
    public HelpLineInputValidator(TimeProvider clock)
    {
        RuleFor(i => i.Name)
            .NotEmpty().WithMessage("Enter the service's name")
            .MaximumLength(120).WithMessage("Keep the name to 120 characters or fewer")
            .PlainLine("name");
        RuleFor(i => i.Phone)
            .Must(FactRules.IsPhoneNumber).WithMessage("Enter the phone number with digits and spaces only (and a + first for an international number), e.g. 0808 500 2222")
            .PlainLine("phone number");
        RuleFor(i => i.TextNumber)
            .Must(FactRules.IsPhoneNumber).WithMessage("Enter the text number with digits and spaces only (and a + first for an international number), e.g. 85258")
            .PlainLine("text number");
        RuleFor(i => i.Email)
            .EmailAddress().WithMessage("Enter the email address in the right format, like help@example.org")
            .MaximumLength(254).WithMessage("Keep the email address to 254 characters or fewer")
            .PlainLine("email address");
        RuleFor(i => i.WebAddress)
            .Must(FactRules.IsWebAddress).WithMessage("Enter the web address in full, starting with https:// (or http://)")
            .MaximumLength(500).WithMessage("Keep the web address to 500 characters or fewer")
            .PlainLine("web address");
        RuleFor(i => i.Phone)
            .Must((input, _) => new[] { input.Phone, input.TextNumber, input.Email, input.WebAddress }.Any(v => !string.IsNullOrWhiteSpace(v)))
            .WithMessage("Give at least one way to reach the service: a phone number, a text number, an email address or a web address");
        RuleFor(i => i.ContactNote).MaximumLength(120).WithMessage("Keep the note to 120 characters or fewer").PlainLine("note");
        RuleFor(i => i.Hours).MaximumLength(200).WithMessage("Keep the opening hours to 200 characters or fewer").PlainLine("opening hours");
        RuleFor(i => i.WhoFor).MaximumLength(200).WithMessage("Keep who it is for to 200 characters or fewer").PlainLine("who it is for");
        RuleFor(i => i.Hours)
            .Must((input, _) => !string.IsNullOrWhiteSpace(input.Hours) || !string.IsNullOrWhiteSpace(input.WhoFor))
            .WithMessage("Say when the service is open, or who it is for (or both)");
        RuleFor(i => i.CheckedOn)
            .NotEmpty().WithMessage("Enter the day you last checked the number with the service")
            .DependentRules(() => RuleFor(i => i.CheckedOn).Must(v => FactRules.IsCheckedOn(v, clock))
            .WithMessage("Enter a real date that is not in the future, for the day you last checked the number"));
        RuleFor(i => i.RightNowLead).MaximumLength(60).WithMessage("Keep the words before the colon to 60 characters or fewer").PlainLine("“Right now” heading");
        RuleFor(i => i.RightNowText)
            .NotEmpty().When(i => !string.IsNullOrWhiteSpace(i.RightNowLead)).WithMessage("Write the rest of the “Right now” sentence, or empty both “Right now” boxes")
            .MaximumLength(FactRules.LineMaxLength).WithMessage($"Keep the “Right now” sentence to {FactRules.LineMaxLength} characters or fewer")
            .PlainLine("“Right now” sentence");
        RuleFor(i => i.RightNowLinkText).MaximumLength(60).WithMessage("Keep the link's words to 60 characters or fewer").PlainLine("link's words");
        RuleFor(i => i.ChangeNote).ChangeNote().PlainLine("what changed");
    }
}

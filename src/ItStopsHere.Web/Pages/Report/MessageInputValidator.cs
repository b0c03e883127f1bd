using FluentValidation;

namespace ItStopsHere.Web.Pages.Report;

public sealed class MessageInputValidator : AbstractValidator<MessageInput>
{
    public MessageInputValidator() =>
        RuleFor(i => i.Text)
            .Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter your message")
            .MaximumLength(MessageInput.MaxLength).WithMessage($"Your message must be {MessageInput.MaxLength:N0} characters or fewer");
}

using FluentValidation;

namespace ItStopsHere.Web.Pages.Cases;

public sealed class CloseInputValidator : AbstractValidator<CloseInput>
{
    public CloseInputValidator() =>
        RuleFor(i => i.Outcome).MaximumLength(CloseInput.MaxLength).WithMessage($"The outcome must be {CloseInput.MaxLength:N0} characters or fewer");
}

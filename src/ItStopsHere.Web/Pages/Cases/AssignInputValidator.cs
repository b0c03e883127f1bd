using FluentValidation;

namespace ItStopsHere.Web.Pages.Cases;

public sealed class AssignInputValidator : AbstractValidator<AssignInput>
{
    public AssignInputValidator() =>
        RuleFor(i => i.AdviserId).NotEmpty().WithMessage("Select an adviser");
}

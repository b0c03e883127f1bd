using FluentValidation;

namespace ItStopsHere.Web.Pages.Admin.Pages.ImpactFigures;

public class ImpactFigureInputValidator : AbstractValidator<ImpactFigureInput>
{
    public ImpactFigureInputValidator(TimeProvider clock)
    {
        RuleFor(i => i.Figure)
            .NotEmpty().WithMessage("Enter the figure, e.g. 49%")
            .MaximumLength(20).WithMessage("Keep the figure to 20 characters or fewer: the rest goes in “what it measures”")
            .PlainLine("figure");
        RuleFor(i => i.Statement)
            .NotEmpty().WithMessage("Say what the figure measures")
            .MaximumLength(FactRules.LineMaxLength).WithMessage($"Keep what it measures to {FactRules.LineMaxLength} characters or fewer")
            .PlainLine("statement");
        RuleFor(i => i.SourceName)
            .NotEmpty().WithMessage("Enter the figure's source: who found it, and when")
            .MaximumLength(FactRules.LineMaxLength).WithMessage($"Keep the source to {FactRules.LineMaxLength} characters or fewer")
            .PlainLine("source");
        RuleFor(i => i.SourceUrl)
            .Must(FactRules.IsWebAddress).WithMessage("Enter the source's web address in full, starting with https:// (or http://)")
            .MaximumLength(500).WithMessage("Keep the web address to 500 characters or fewer")
            .PlainLine("source's web address");
        RuleFor(i => i.CheckedOn)
            .NotEmpty().WithMessage("Enter the day you last checked the figure against its source")
            .DependentRules(() => RuleFor(i => i.CheckedOn).Must(v => FactRules.IsCheckedOn(v, clock))
            .WithMessage("Enter a real date that is not in the future, for the day you last checked the figure"));
        RuleFor(i => i.ChangeNote).ChangeNote().PlainLine("what changed");
    }
}

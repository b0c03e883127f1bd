using FluentValidation;
using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Web.Pages.Report;

public sealed class SafetyInputValidator : AbstractValidator<SafetyInput>
{
    public SafetyInputValidator() =>
        RuleFor(i => i.SafeNow)
            .Must(v => ReportChoices.IsOneOf(ReportChoices.Safety, v)).WithMessage("Select whether you are safe now");
}

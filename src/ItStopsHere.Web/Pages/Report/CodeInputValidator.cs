using FluentValidation;
using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Web.Pages.Report;

public sealed class CodeInputValidator : AbstractValidator<CodeInput>
{
    public CodeInputValidator() =>
        RuleFor(i => i.Code)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your access code")
            .Must(c => AccessCode.Normalise(c) is not null).WithMessage("Enter the 16 letters and numbers of your code, like ABCD-EFGH-JKLM-NPQR");
}

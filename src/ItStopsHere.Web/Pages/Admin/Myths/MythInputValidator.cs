using System.Globalization;
using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Myths;

public class MythInputValidator : AbstractValidator<MythInput>
{
    public MythInputValidator()
    {
        RuleFor(i => i.Statement)
            .NotEmpty().WithMessage("Enter the myth, as people say it")
            .MaximumLength(MythInput.StatementMaxLength).WithMessage($"The myth must be {MythInput.StatementMaxLength} characters or fewer");
        RuleFor(i => i.Answer)
            .NotEmpty().WithMessage("Enter the facts that answer the myth")
            .MaximumLength(MythInput.AnswerMaxLength).WithMessage($"The answer must be {MythInput.AnswerMaxLength:N0} characters or fewer");
        RuleFor(i => i.Source)
            .NotEmpty().WithMessage("Enter the source of the facts: the research, law or organisation behind them")
            .MaximumLength(MythInput.SourceMaxLength).WithMessage($"The source must be {MythInput.SourceMaxLength:N0} characters or fewer");
        RuleFor(i => i.SourceUrl)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(MythInput.SourceUrlMaxLength).WithMessage($"The source's address must be {MythInput.SourceUrlMaxLength:N0} characters or fewer")
            .Must(url => WebAddress.IsHttp(url!.Trim())).WithMessage("Enter the source's full web address, starting with https://, like https://www.ons.gov.uk/")
            .When(i => !string.IsNullOrWhiteSpace(i.SourceUrl));
    }
}

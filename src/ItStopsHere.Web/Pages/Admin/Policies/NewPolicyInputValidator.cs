using FluentValidation;
using ItStopsHere.Web.Pages.Admin.Pages;

namespace ItStopsHere.Web.Pages.Admin.Policies;

public partial class NewPolicyInputValidator : AbstractValidator<NewPolicyInput>
{
    public const int SlugMaxLength = 80;

    public NewPolicyInputValidator()
    {
        RuleFor(i => i.Slug).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the policy's web address, e.g. harassment-policy")
            .MaximumLength(SlugMaxLength).WithMessage($"Keep the web address to {SlugMaxLength} characters or fewer")
            .Matches(SlugPattern()).WithMessage("Use only lower-case letters, digits and single hyphens in the web address, e.g. harassment-policy");
        Include(new ContentPageInputValidator());
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex SlugPattern();
}

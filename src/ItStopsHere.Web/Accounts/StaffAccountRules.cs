using FluentValidation;
using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// What a new staff account's address and role must be, wherever one is added: the Admins' "Add user"
/// form and the <c>admin add</c> command say the same thing in the same words.
/// </summary>
public static class StaffAccountRules
{
    public static IRuleBuilderOptions<T, string> StaffEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule
            .NotEmpty().WithMessage("Enter the new user's email address")
            .MaximumLength(256).WithMessage("The email address must be 256 characters or fewer")
            .EmailAddress().WithMessage("Enter an email address in the right format, like name@example.ac.uk")
            // EmailAddress() alone lets through quoted local parts such as "<script>"@example.com, which
            // are legal in RFC 5321 but never a real staff address: hold them to the pledge's stricter rule.
            .Must(email => email is not null && Signing.PledgeText.IsValidEmail(email.Trim()) && !Signing.PledgeText.HasForbiddenCharacters(email))
            .WithMessage("Enter an email address in the right format, like name@example.ac.uk");

    public static IRuleBuilderOptions<T, string?> StaffRole<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(role => StaffRoles.Parse(role) is not null).WithMessage("Choose Admin or Moderator");
}

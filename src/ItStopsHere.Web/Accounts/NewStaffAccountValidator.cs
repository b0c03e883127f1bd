using FluentValidation;

namespace ItStopsHere.Web.Accounts;

public sealed class NewStaffAccountValidator : AbstractValidator<NewStaffAccount>
{
    public NewStaffAccountValidator()
    {
        RuleFor(a => a.Email).StaffEmail();
        RuleFor(a => a.Role).StaffRole();
    }
}

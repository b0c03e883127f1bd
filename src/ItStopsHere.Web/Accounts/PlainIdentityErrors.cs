using Microsoft.AspNetCore.Identity;

namespace ItStopsHere.Web.Accounts;

/// <summary>Identity's error messages in plain words that say what to do.</summary>
public sealed class PlainIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Your password must be at least {length} characters long. A few random words together make a strong password that is easy to remember." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Your password must use at least {uniqueChars} different characters." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Your current password is not right." };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "This link has expired or has already been used. Ask an Admin for a new one." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = "There is already a staff account with this email address." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "There is already a staff account with this email address." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = "Enter an email address in the right format, like name@example.ac.uk." };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "Enter an email address in the right format, like name@example.ac.uk." };

    public override IdentityError UserAlreadyHasPassword() =>
        new() { Code = nameof(UserAlreadyHasPassword), Description = "This account already has a password." };
}

using FluentValidation;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ItStopsHere.Web.Pages.Account;

public class RecoveryCodeInput : ISecondFactorCode
{
    public string Code { get; set; } = "";

    /// <summary>
    /// Identity's codes look like "BCDFG-23456". People copy them with spaces, in lower case or without the
    /// dash, and that is still the same code.
    /// </summary>
    public string Normalised
    {
        get
        {
            var compact = new string(Code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
            return compact.Length == 10 ? $"{compact[..5]}-{compact[5..]}" : compact;
        }
    }
}

public class RecoveryCodeInputValidator : AbstractValidator<RecoveryCodeInput>
{
    public RecoveryCodeInputValidator()
    {
        RuleFor(i => i.Code)
            .NotEmpty().WithMessage("Enter one of your recovery codes")
            .MaximumLength(40).WithMessage("A recovery code is 10 letters and digits, like BCDFG-23456");
    }
}

[EnableRateLimiting(StaffSignInRateLimit.PolicyName)]
public class LoginWithRecoveryCodeModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    SignInRecorder recorder,
    AuditLog audit,
    IValidator<RecoveryCodeInput> validator) : SecondFactorPageModel<RecoveryCodeInput>(signIn, recorder, validator)
{
    protected override string How => "with a password and a recovery code";

    protected override string WrongCodeReason => "wrong recovery code";

    protected override string WrongCodeMessage => "That recovery code is not right, or it has already been used.";

    protected override Task<SignInResult> SignInWithCodeAsync(SignInManager<StaffUser> signInManager, string code) =>
        signInManager.TwoFactorRecoveryCodeSignInAsync(code);

    /// <summary>Each code works once: the log and the person learn how many are left.</summary>
    protected override async Task OnSignedInAsync(StaffUser user)
    {
        var left = await users.CountRecoveryCodesAsync(user);
        await audit.RecordAsync(AuditActions.RecoveryCodeUsed, "User", user.Id, $"{left} recovery codes left.", AuditActor.From(user));
        TempData["Status"] = left <= 3
            ? $"You signed in with a recovery code. You have {left} left: create new ones on your two-factor page."
            : $"You signed in with a recovery code. You have {left} left.";
    }
}

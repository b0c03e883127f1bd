using FluentValidation;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ItStopsHere.Web.Pages.Account;

public class TwoFactorCodeInput : ISecondFactorCode
{
    public string Code { get; set; } = "";

    /// <summary>The code without the spaces or dashes an authenticator app shows between digits.</summary>
    public string Normalised => new(Code.Where(char.IsAsciiDigit).ToArray());
}

public class TwoFactorCodeInputValidator : AbstractValidator<TwoFactorCodeInput>
{
    public TwoFactorCodeInputValidator()
    {
        RuleFor(i => i.Code)
            .NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app")
            .Must(code => code.All(c => char.IsAsciiDigit(c) || c is ' ' or '-') && code.Count(char.IsAsciiDigit) == 6)
            .WithMessage("The code must be 6 digits, like 123456");
    }
}

[EnableRateLimiting(StaffSignInRateLimit.PolicyName)]
public class LoginWithTwoFactorModel(
    SignInManager<StaffUser> signIn,
    SignInRecorder recorder,
    IValidator<TwoFactorCodeInput> validator) : SecondFactorPageModel<TwoFactorCodeInput>(signIn, recorder, validator)
{
    protected override string How => "with a password and an authenticator code";

    protected override string WrongCodeReason => "wrong authenticator code";

    protected override string WrongCodeMessage => "That code is not right. Codes change every 30 seconds: enter the one your app shows now.";

    protected override Task<SignInResult> SignInWithCodeAsync(SignInManager<StaffUser> signInManager, string code) =>
        signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
}

namespace ItStopsHere.Web.Accounts;

/// <summary>Staff sign-in: the <c>Accounts</c> configuration section.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Staff are signed out after this long without a request; each request restarts the clock.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A refused sign-in is answered no sooner than this, so the database writes of one case cannot be timed.</summary>
    public int FailedSignInMinimumMilliseconds { get; set; } = 250;

    public StaffSignInRateLimitOptions SignInRateLimit { get; set; } = new();
}

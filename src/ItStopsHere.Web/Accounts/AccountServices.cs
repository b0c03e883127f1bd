using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Accounts;

public static class AccountServices
{
    public const string AuthCookieName = "ish.auth";
    public const string TwoFactorCookieName = "ish.2fa";
    public const string TempDataCookieName = "ish.msg";

    /// <summary>Wrong passwords or codes in a row for one account from one network before that network is paused (<see cref="SignInThrottle"/>).</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>Wrong passwords or codes in a row for one account from anywhere before the whole account is locked (Identity's lockout).</summary>
    public const int AccountWideMaxFailedAttempts = 20;

    /// <summary>How long a pause or a lock after failed attempts lasts.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>How long a set-password link given to a new (or forgetful) staff member works.</summary>
    public static readonly TimeSpan SetPasswordLinkLifetime = TimeSpan.FromHours(48);

    /// <summary>
    /// Identity with its stores in <see cref="AppDbContext"/>, the sign-in cookies, the roles' policies,
    /// the folder conventions that protect <c>/admin</c> and <c>/account</c>, and the audit log.
    /// </summary>
    public static IServiceCollection AddAccounts(
        this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddOptions<AccountOptions>()
            .Bind(configuration.GetSection(AccountOptions.Section))
            .ValidateRange("Accounts:IdleTimeoutMinutes", o => o.IdleTimeoutMinutes, 1, 24 * 60)
            .ValidateRange("Accounts:FailedSignInMinimumMilliseconds", o => o.FailedSignInMinimumMilliseconds, 0, 10_000)
            .ValidateRange("Accounts:SignInRateLimit:Burst", o => o.SignInRateLimit.Burst, 1, 1_000_000_000)
            .ValidateRange("Accounts:SignInRateLimit:PerHour", o => o.SignInRateLimit.PerHour, 1, 1_000_000_000)
            .ValidateOnStart();

        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // The user name is the email address, which may hold any character an address can.
                options.User.AllowedUserNameCharacters = "";
                options.SignIn.RequireConfirmedAccount = false;
                // Length and a list of common passwords, not composition rules (NCSC and NIST advice).
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                // The whole account locks only after many failures from anywhere; one network is paused sooner (SignInThrottle).
                options.Lockout.MaxFailedAccessAttempts = AccountWideMaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<PlainIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddSingleton<ILookupNormalizer, FoldingLookupNormalizer>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = AuthCookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = secure;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.IsEssential = true;
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            // A signed-in person without the role gets a 403 and the friendly error page for it,
            // not a redirect that would hide the status.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // Staff are signed out after Accounts:IdleTimeoutMinutes without a request; each request restarts the clock.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccountOptions>>((cookie, accounts) => cookie.ExpireTimeSpan = TimeSpan.FromMinutes(accounts.Value.IdleTimeoutMinutes));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = TwoFactorCookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = secure;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.IsEssential = true;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        // A removed, locked or re-roled staff member loses access at their next request, not hours later;
        // so does a cookie saved before signing out (sign-out changes the security stamp).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = SetPasswordLinkLifetime);

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, policy => policy.RequireRole(StaffRoles.AdminArea))
            .AddPolicy(StaffPolicies.Moderation, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.Moderator))
            .AddPolicy(StaffPolicies.Content, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.Editor))
            .AddPolicy(StaffPolicies.Admin, policy => policy.RequireRole(StaffRoles.Admin))
            .AddPolicy(StaffPolicies.AnyStaff, policy => policy.RequireRole(StaffRoles.All))
            .AddPolicy(StaffPolicies.Cases, policy => policy.RequireRole(StaffRoles.CaseRoles));

        services.Configure<RazorPagesOptions>(options => StaffAreaAuthorization.AddConventions(options.Conventions));
        // Forms are validated by their FluentValidation validators only, never by MVC's implicit rules.
        services.Configure<MvcOptions>(options => options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        // One-off messages after a redirect ("User added") travel in an encrypted, short-lived cookie.
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = TempDataCookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = secure;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.IsEssential = true;
        });

        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddScoped<SetPasswordLinks>();
        services.AddScoped<SignInRecorder>();
        services.AddSingleton<SignInThrottle>();
        services.Configure<RateLimiterOptions>(options => options.AddPolicy<string, StaffSignInRateLimit>(StaffSignInRateLimit.PolicyName));
        services.AddScoped<StaffUserAdministration>();
        return services;
    }
}

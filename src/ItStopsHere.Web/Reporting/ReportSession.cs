using System.Globalization;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Keeps a reporter "in" their follow-up page between requests once their code or link has opened it: a
/// session cookie (no expiry date, so it dies with the browser; path <c>/report</c>; HttpOnly, Secure,
/// SameSite=Strict) holding the report id and an idle deadline, encrypted with Data Protection. Leaving
/// or deleting removes it, and the page answers with <c>Clear-Site-Data</c>. Also carries the access code
/// from the form to the page that shows it once, so the code is never in a URL.
/// </summary>
public sealed class ReportSession(IDataProtectionProvider protection, IOptions<ReportingOptions> options, TimeProvider clock, IHostEnvironment environment)
{
    public const string CookieName = "ish.report";
    public const string CodeCookieName = "ish.report-code";
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(30);
    private readonly IDataProtector _session = protection.CreateProtector("ItStopsHere.Reporting.Session.v1");
    private readonly IDataProtector _code = protection.CreateProtector("ItStopsHere.Reporting.Code.v1");

    public void SignIn(HttpContext context, Guid reportId)
    {
        ArgumentNullException.ThrowIfNull(context);
        Write(context, CookieName, _session, reportId.ToString("D"), options.Value.SessionIdleTimeout);
    }

    /// <summary>The report this browser has open, sliding its idle deadline; null when none or expired.</summary>
    public Guid? Current(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = Read(context, CookieName, _session);
        if (value is null || !Guid.TryParse(value, out var id))
        {
            return null;
        }

        SignIn(context, id);
        return id;
    }

    public void SignOut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, CookieOptions());
        context.Response.Cookies.Delete(CodeCookieName, CookieOptions());
    }

    public void KeepCode(HttpContext context, string code) => Write(context, CodeCookieName, _code, code, CodeLifetime);

    public string? Code(HttpContext context) => Read(context, CodeCookieName, _code);

    public void ForgetCode(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CodeCookieName, CookieOptions());
    }

    private void Write(HttpContext context, string name, IDataProtector protector, string value, TimeSpan lifetime)
    {
        var deadline = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Cookies.Append(name, protector.Protect(deadline + "|" + value), CookieOptions());
    }

    private string? Read(HttpContext context, string name, IDataProtector protector)
    {
        if (!context.Request.Cookies.TryGetValue(name, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        string plain;
        try
        {
            plain = protector.Unprotect(cookie);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var bar = plain.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || !long.TryParse(plain.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var deadline)
            || DateTimeOffset.FromUnixTimeSeconds(deadline) < clock.GetUtcNow())
        {
            return null;
        }

        return plain[(bar + 1)..];
    }

    private CookieOptions CookieOptions() => new()
    {
        Path = "/report",
        HttpOnly = true,
        Secure = !environment.IsDevelopment(),
        SameSite = SameSiteMode.Strict,
        IsEssential = true,
    };
}

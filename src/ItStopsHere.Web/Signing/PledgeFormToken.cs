using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// A signed, time-limited timestamp carried in the form, so a post made faster than a person could type
/// can be told apart without a CAPTCHA. Signed with Data Protection: it cannot be forged or back-dated.
/// Each token also carries a random number that makes it good for one signing only: <see cref="TryUse"/>
/// remembers the numbers of forms that have signed (with a hash of the address they signed with) until
/// the forms expire, so one page load cannot be replayed to sign many times with different addresses.
/// Sending the same form again with the same address (a double tap on "Sign the pledge") is not a
/// replay: it gets the same answer as the first time.
/// </summary>
/// <remarks>
/// The used numbers live in this process's memory (<see cref="UsedFormTokens"/>, bounded). With more than
/// one instance of the site, or after a restart, a form could be used once per instance: when the site
/// runs on several instances this record must move to shared storage.
/// </remarks>
public sealed class PledgeFormToken(IDataProtectionProvider dataProtection, IOptions<PledgeOptions> options, TimeProvider clock, UsedFormTokens used)
{
    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("ItStopsHere.Pledge.FormIssued").ToTimeLimitedDataProtector();

    /// <summary>A token for a form served now.</summary>
    public string Issue() => Issue(clock.GetUtcNow());

    /// <summary>
    /// A new token (a new one-time number) for a form first served at <paramref name="servedAt"/>: for
    /// showing the form again after a mistake, so correcting it is not "too fast" and can still be sent.
    /// </summary>
    public string Issue(DateTimeOffset servedAt) =>
        _protector.Protect(
            string.Create(CultureInfo.InvariantCulture, $"{servedAt.ToUnixTimeMilliseconds()}|{BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue}"),
            options.Value.FormLifetime);

    /// <summary>A new token for the form <paramref name="reading"/> came from, keeping the time it was first served (or now, if unknown).</summary>
    public string IssueAgain(FormTokenReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return Issue(reading.ServedAt ?? clock.GetUtcNow());
    }

    /// <summary>
    /// Reads a posted token once (one Data Protection unprotect): whether it is genuine, current and not too
    /// fresh, and when its form was first served. Nothing is marked used.
    /// </summary>
    public FormTokenReading Read(string? token)
    {
        var (check, servedAt, nonce, expires) = Unprotect(token);
        return new FormTokenReading(check, servedAt, nonce, expires);
    }

    /// <summary>
    /// Marks the read token used for a signing with <paramref name="emailKey"/> (the address's duplicate key);
    /// false when it has already signed with another address, or is not genuine. Call once the signing is
    /// about to be stored, so a form refused for a mistake can still be corrected and sent.
    /// </summary>
    public bool TryUse(FormTokenReading reading, string emailKey) =>
        reading is { Check: FormTokenCheck.Valid or FormTokenCheck.TooFast, Nonce: { } nonce }
        && used.TryUse(nonce, reading.Expires, UsedFormTokens.KeyHash(emailKey));

    private (FormTokenCheck Check, DateTimeOffset? ServedAt, long? Nonce, DateTimeOffset Expires) Unprotect(string? token)
    {
        const FormTokenCheck invalid = FormTokenCheck.ExpiredOrInvalid;
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return (invalid, null, null, default);
        }

        string issued;
        DateTimeOffset expires;
        try
        {
            issued = _protector.Unprotect(token, out expires);
        }
        catch (CryptographicException)
        {
            return (invalid, null, null, default);
        }

        var parts = issued.Split('|');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var nonce))
        {
            return (invalid, null, null, default);
        }

        var servedAt = DateTimeOffset.FromUnixTimeMilliseconds(issuedMs);
        var elapsed = clock.GetUtcNow() - servedAt;
        return (elapsed < options.Value.MinimumFillTime ? FormTokenCheck.TooFast : FormTokenCheck.Valid, servedAt, nonce, expires);
    }
}

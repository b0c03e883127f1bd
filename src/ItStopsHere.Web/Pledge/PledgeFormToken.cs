using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pledge;

public enum FormTokenCheck
{
    Valid,

    /// <summary>Sent sooner than a person could have filled in the form.</summary>
    TooFast,

    /// <summary>Missing, tampered with, or older than the form's lifetime.</summary>
    ExpiredOrInvalid,
}

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

/// <summary>What a posted form token says: see <see cref="PledgeFormToken.Read"/>.</summary>
public sealed record FormTokenReading(FormTokenCheck Check, DateTimeOffset? ServedAt, long? Nonce, DateTimeOffset Expires);

/// <summary>
/// The one-time numbers of pledge forms that have signed, each kept until its form expires, in memory and
/// bounded (<see cref="Capacity"/> entries, about 50 bytes each), with a 64-bit hash of the address each
/// signed with (never the address). When full, forgotten entries are the
/// ones closest to expiring anyway; a warning is logged, as a form among them could then sign again.
/// </summary>
public sealed class UsedFormTokens(TimeProvider clock, ILogger<UsedFormTokens> logger)
{
    /// <summary>
    /// Room for 250,000 signings within one form lifetime (12 hours by default): far beyond the campaign's
    /// busiest day, about 10 MB when full.
    /// </summary>
    public const int Capacity = 250_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (long Expires, long Key)> _used = new();
    private readonly Lock _pruning = new();

    public static long KeyHash(string emailKey) =>
        BitConverter.ToInt64(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(emailKey)).AsSpan(0, 8));

    /// <summary>
    /// Records <paramref name="nonce"/> as used until <paramref name="expires"/> by the address whose hash is
    /// <paramref name="key"/>; false when it was already used by another address.
    /// </summary>
    public bool TryUse(long nonce, DateTimeOffset expires, long key)
    {
        if (_used.Count >= Capacity)
        {
            Prune();
        }

        // An entry left after its form expired is harmless: an expired form is refused before it gets here.
        var entry = _used.GetOrAdd(nonce, (expires.UtcTicks, key));
        return entry.Key == key;
    }

    public int Count => _used.Count;

    private void Prune()
    {
        lock (_pruning)
        {
            if (_used.Count < Capacity)
            {
                return;
            }

            var now = clock.GetUtcNow().UtcTicks;
            foreach (var (nonce, entry) in _used)
            {
                if (entry.Expires <= now)
                {
                    _used.TryRemove(nonce, out _);
                }
            }

            if (_used.Count >= Capacity * 9 / 10)
            {
                var forget = _used.Count - Capacity * 8 / 10;
                foreach (var (nonce, _) in _used.OrderBy(e => e.Value.Expires).Take(forget).ToList())
                {
                    _used.TryRemove(nonce, out _);
                }

                logger.LogWarning("Used pledge forms: the in-memory record was full; forgot the {Count} closest to expiring", forget);
            }
        }
    }
}

/// <summary>What the thank-you page shows, carried in its address signed (so it cannot be made up) and short-lived.</summary>
/// <param name="AwaitingConfirmation">Double opt-in: the signer must follow the link in their email first.</param>
public sealed record SignatureReceipt(long? Number, bool IsHeld, Data.PledgeActions Actions, bool AwaitingConfirmation = false);

public sealed class SignatureReceipts(IDataProtectionProvider dataProtection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("ItStopsHere.Pledge.Receipt").ToTimeLimitedDataProtector();

    public string Create(SignatureReceipt receipt) =>
        _protector.Protect(
            string.Create(CultureInfo.InvariantCulture, $"{receipt.Number?.ToString(CultureInfo.InvariantCulture) ?? ""}|{(receipt.IsHeld ? 1 : 0)}|{(int)receipt.Actions}|{(receipt.AwaitingConfirmation ? 1 : 0)}"),
            Lifetime);

    public SignatureReceipt? Read(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|');
            if (parts.Length is not (3 or 4))
            {
                return null;
            }

            long? number = parts[0].Length == 0 ? null : long.Parse(parts[0], CultureInfo.InvariantCulture);
            return new SignatureReceipt(number, parts[1] == "1", (Data.PledgeActions)int.Parse(parts[2], CultureInfo.InvariantCulture), parts is [.., _, "1"] && parts.Length == 4);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or OverflowException)
        {
            return null;
        }
    }
}

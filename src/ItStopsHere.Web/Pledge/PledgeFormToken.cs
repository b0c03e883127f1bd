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
/// </summary>
public sealed class PledgeFormToken(IDataProtectionProvider dataProtection, IOptions<PledgeOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("ItStopsHere.Pledge.FormIssued").ToTimeLimitedDataProtector();

    public string Issue() =>
        _protector.Protect(
            clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            options.Value.FormLifetime);

    public FormTokenCheck Check(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return FormTokenCheck.ExpiredOrInvalid;
        }

        string issued;
        try
        {
            issued = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return FormTokenCheck.ExpiredOrInvalid;
        }

        if (!long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs))
        {
            return FormTokenCheck.ExpiredOrInvalid;
        }

        var elapsed = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issuedMs);
        return elapsed < options.Value.MinimumFillTime ? FormTokenCheck.TooFast : FormTokenCheck.Valid;
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

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

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

using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// Refuses passwords that attackers try first: those on a small embedded list of common passwords and
/// words (<c>CommonPasswords.txt</c>), the same with digits or symbols stuck on either end or with
/// letters swapped for look-alike digits ("P@ssw0rd2024!"), and passwords containing the account's own
/// email name or the campaign's name.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    public const string TooCommonCode = "PasswordTooCommon";
    public const string ContainsNameCode = "PasswordContainsName";

    private static readonly FrozenSet<string> Common = Load();

    public static int ListSize => Common.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = TooCommonCode,
                Description = "This password is too common, so it is easy to guess. Try three or four random words together.",
            }));
        }

        var emailName = (user.Email ?? user.UserName ?? "").Split('@')[0].ToLowerInvariant();
        var lower = password.ToLowerInvariant();
        if ((emailName.Length >= 3 && lower.Contains(emailName, StringComparison.Ordinal))
            || Squash(lower).Contains("itstopshere", StringComparison.Ordinal))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = ContainsNameCode,
                Description = "Your password must not contain your email address or the campaign's name.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password)
    {
        var squashed = Squash(password.ToLowerInvariant());
        if (Common.Contains(squashed))
        {
            return true;
        }

        // "password2024!" and "!!qwerty" are still "password" and "qwerty"; "p4ssw0rd" is still "password".
        var core = squashed.Trim("0123456789!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~£".ToCharArray());
        return core.Length >= 4 && (Common.Contains(core) || Common.Contains(UndoLookAlikes(core)));
    }

    private static string Squash(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c)));

    private static string UndoLookAlikes(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("ItStopsHere.Web.CommonPasswords.txt")
            ?? throw new InvalidOperationException("CommonPasswords.txt is not embedded in the web assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = Squash(line.Trim().ToLower(CultureInfo.InvariantCulture));
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

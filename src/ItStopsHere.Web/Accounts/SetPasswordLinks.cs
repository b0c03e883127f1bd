using System.Text;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// One-time links with which a new or forgetful staff member sets their password: Identity's password
/// reset token, valid for <see cref="AccountServices.SetPasswordLinkLifetime"/>. The token is tied to
/// the account's security stamp, so it stops working once used, and a new link replaces any earlier one.
/// </summary>
public sealed class SetPasswordLinks(UserManager<StaffUser> users, IOptions<CampaignOptions> campaign, TimeProvider clock)
{
    public const string Path = "/account/set-password";

    public async Task<SetPasswordLink> CreateAsync(StaffUser user)
    {
        // A new stamp makes every earlier link (and session) for this account invalid.
        await users.UpdateSecurityStampAsync(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var encoded = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var url = $"{campaign.Value.SiteUrl.TrimEnd('/')}{Path}?user={Uri.EscapeDataString(user.Id)}&token={encoded}";
        return new SetPasswordLink(url, clock.GetUtcNow() + AccountServices.SetPasswordLinkLifetime);
    }

    /// <summary>The token from a link, or null when it is not one we could have made.</summary>
    public static string? DecodeToken(string? encoded)
    {
        if (string.IsNullOrWhiteSpace(encoded) || encoded.Length > 2000)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public async Task<bool> IsValidAsync(StaffUser user, string token) =>
        await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<StaffUser>.ResetPasswordTokenPurpose, token);
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// The secret in a signer's personal link (manage or confirm): 256 random bits, written base64url (43
/// characters). Only its SHA-256 is stored, so a copy of the database cannot be turned into links.
/// A plain hash is enough: the token is random and long, so there is nothing to guess or brute-force.
/// </summary>
public static class ManageToken
{
    private const int Bytes = 32;
    private const int Length = 43;

    /// <summary>A new token and the hash to store for it.</summary>
    public static (string Token, string Hash) Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));
        return (token, HashOf(token));
    }

    /// <summary>The stored form of <paramref name="token"/>, or null when it cannot be one of ours.</summary>
    public static string? TryHash(string? token) =>
        token is { Length: Length } && token.All(IsBase64UrlChar) ? HashOf(token) : null;

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}

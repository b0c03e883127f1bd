using System.Security.Cryptography;
using System.Text;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// An anonymous reporter's way back: 16 characters from a 32-character alphabet without look-alikes
/// (no 0, O, 1 or I), so 80 random bits, shown in groups of four (<c>K7QM-4XTR-9HCE-WN2P</c>). Only a keyed
/// hash (HMAC-SHA256 with a server key kept wrapped under the key-encryption key) is stored, so neither a
/// copy of the database nor a guess against it finds a code. It is never logged.
/// </summary>
public static class AccessCode
{
    public const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int Length = 16;
    public const int BitsOfEntropy = Length * 5;

    /// <summary>A new code, grouped for reading.</summary>
    public static string Create()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return Group(new string(chars));
    }

    /// <summary>The code as typed, upper-cased without spaces or hyphens; null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }

        var builder = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '\u00a0' or '\t')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            builder.Append(upper);
        }

        return builder.Length == Length ? builder.ToString() : null;
    }

    public static string Group(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join('-', Enumerable.Range(0, code.Length / 4).Select(i => code.Substring(i * 4, 4)));
    }

    /// <summary>The stored form of a normalised code: HMAC-SHA256 under <paramref name="hashKey"/>, in hex.</summary>
    public static string Hash(ReadOnlySpan<byte> hashKey, string normalised) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(hashKey, Encoding.ASCII.GetBytes(normalised)));
}

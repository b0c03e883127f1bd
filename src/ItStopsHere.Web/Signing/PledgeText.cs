using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>The text rules for the pledge form: normalising, and what counts as a name, a URL or an email.</summary>
public static partial class PledgeText
{
    /// <summary>Trimmed and NFC-normalised; text that cannot be normalised (broken UTF-16) is returned trimmed, for the validator to refuse.</summary>
    public static string Normalise(string? value)
    {
        return UnicodeText.NormalizeOrKeep((value ?? "").Trim());
    }

    /// <summary>
    /// Control characters, bidirectional overrides and isolates, invisible format characters (except the
    /// joiners some scripts need), line separators, private-use and unpaired surrogates.
    /// </summary>
    public static bool HasForbiddenCharacters(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(value, i);
                i++;
                if (category is UnicodeCategory.PrivateUse or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned)
                {
                    return true;
                }

                continue;
            }

            if (c is '\u200C' or '\u200D')
            {
                continue; // zero-width non-joiner and joiner: needed in Persian, Indic scripts and emoji
            }

            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.OtherNotAssigned:
                    return true;
            }
        }

        return false;
    }

    // Both look at the compatibility-folded text (NFKC), so fullwidth "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ" or
    // "ｓａｍ＠ｅｘａｍｐｌｅ．ｃｏｍ" in a public field is caught like its plain form.
    public static bool LooksLikeUrl(string value) => Matches(UrlPattern(), value);

    public static bool LooksLikeEmail(string value) => Matches(EmailLikePattern(), value);

    /// <summary>
    /// The patterns' time limit guards against runaway matching; the fields are length-checked first, so a
    /// timeout means a starved thread on a busy server, not a hostile value. Either way the answer is
    /// "looks like one" (the person is asked to change the field), never an exception and a 500.
    /// </summary>
    private static bool Matches(Regex pattern, string value)
    {
        try
        {
            return pattern.IsMatch(Infrastructure.UnicodeText.NormalizeOrKeep(value, System.Text.NormalizationForm.FormKC));
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    /// <summary>Length as a person counts it: characters (code points), not UTF-16 units.</summary>
    public static int Length(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// A person's name: letters and marks of any script, spaces, hyphens, apostrophes and full stops.
    /// A group's name may also have digits and <c>&amp; ( ) ,</c> ("Nursing &amp; Midwifery Society", "Class of 2016").
    /// More than four combining marks on one letter is treated as garbage, not a name.
    /// </summary>
    public static bool IsValidName(string value, bool isGroup)
    {
        var marksInARow = 0;
        var hasLetter = false;
        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                if (++marksInARow > 4)
                {
                    return false;
                }

                continue;
            }

            marksInARow = 0;
            if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter)
            {
                hasLetter = true;
                continue;
            }

            var ok = rune.Value switch
            {
                ' ' or '-' or '\u2010' or '\u2011' or '\'' or '\u2019' or '.' => true,
                '&' or '(' or ')' or ',' => isGroup,
                _ => isGroup && category == UnicodeCategory.DecimalDigitNumber,
            };
            if (!ok)
            {
                return false;
            }
        }

        return hasLetter;
    }

    /// <summary>
    /// A well-formed address: one @, a local part of at most 64 characters without spaces, and a domain of
    /// dot-separated labels (letters of any script, digits, inner hyphens) ending in a top-level domain of letters.
    /// </summary>
    public static bool IsValidEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at != value.IndexOf('@') || at == value.Length - 1)
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        if (local.Length > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        var labels = domain.Split('.');
        if (labels.Length < 2 || domain.Length > 253)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-') || !label.All(c => char.IsLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        var tld = labels[^1];
        return tld.Length >= 2 && tld.All(char.IsLetter);
    }

    [GeneratedRegex(
        @"(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]*://|\bwww\.|\b(javascript|data|vbscript|mailto):|(?<![\p{L}\p{N}\-])[\p{L}\p{N}\-]+\.(com|net|org|info|biz|io|co|uk|ly|me|app|dev|xyz|site|online|link|top|ru|cn|de|fr|us|tk|gg|tv|ai|click|shop|store)(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[^\s@]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex EmailLikePattern();
}

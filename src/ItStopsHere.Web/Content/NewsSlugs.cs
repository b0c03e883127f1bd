using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// News items' web addresses (<c>/news/{slug}</c>): made from the title, made unique with a number when
/// another item has the same, and checked when an Admin types one.
/// </summary>
public static partial class NewsSlugs
{
    public const int MaxLength = NewsItemConfiguration.SlugMaxLength;

    /// <summary>Room left for "-99" when a generated address needs a number.</summary>
    private const int GeneratedMaxLength = MaxLength - 10;

    public static bool IsWellFormed(string slug) => slug.Length <= MaxLength && Pattern().IsMatch(slug);

    /// <summary>"Screening & Q&A: Zoë's film!" becomes "screening-and-q-and-a-zoes-film".</summary>
    public static string FromTitle(string title)
    {
        var text = UnicodeText.NormalizeOrKeep(title.Trim().ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal), NormalizationForm.FormD);
        var slug = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘')
            {
                // Accents and apostrophes vanish rather than split a word: "Zoë's" → "zoes".
                continue;
            }

            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(c);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var result = slug.ToString();
        if (result.Length > GeneratedMaxLength)
        {
            // Cut at a word boundary where there is one.
            result = result[..GeneratedMaxLength];
            var lastHyphen = result.LastIndexOf('-');
            result = lastHyphen > GeneratedMaxLength / 2 ? result[..lastHyphen] : result.TrimEnd('-');
        }

        return result.Length == 0 ? "news" : result;
    }

    /// <summary>
    /// <paramref name="wanted"/> if no other item has it, else the first free of <c>wanted-2</c>, <c>wanted-3</c>, ...
    /// </summary>
    public static async Task<string> UniqueAsync(AppDbContext db, string wanted, int? exceptId, CancellationToken cancellationToken = default)
    {
        var prefix = wanted + "-";
        var taken = (await db.NewsItems.AsNoTracking()
                .Where(n => n.Id != exceptId && (n.Slug == wanted || n.Slug.StartsWith(prefix)))
                .Select(n => n.Slug)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(wanted))
        {
            return wanted;
        }

        for (var n = 2; ; n++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{wanted}-{n}");
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The other item that already has <paramref name="slug"/>, if any.</summary>
    public static Task<NewsItem?> OwnerAsync(AppDbContext db, string slug, int? exceptId, CancellationToken cancellationToken = default) =>
        db.NewsItems.AsNoTracking().FirstOrDefaultAsync(n => n.Slug == slug && n.Id != exceptId, cancellationToken);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

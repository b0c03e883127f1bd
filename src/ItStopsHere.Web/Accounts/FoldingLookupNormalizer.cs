using System.Text;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// The key Identity looks staff accounts up by (and keeps unique): compatibility-folded (NFKC) before it
/// is upper-cased, so "ａdmin@x.ac.uk" with a fullwidth "a" finds, and cannot be added beside,
/// "admin@x.ac.uk". The same folding as the pledge's <see cref="Email.EmailAddresses.DuplicateKey"/>.
/// </summary>
public sealed class FoldingLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => Fold(name);

    public string? NormalizeEmail(string? email) => Fold(email);

    private static string? Fold(string? value) =>
        value is null ? null : UnicodeText.NormalizeOrKeep(UnicodeText.NormalizeOrKeep(value, NormalizationForm.FormKC).ToUpperInvariant(), NormalizationForm.FormKC);
}

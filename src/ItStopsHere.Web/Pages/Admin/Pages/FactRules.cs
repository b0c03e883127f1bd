using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>The checks shared by the small forms for a page's structured facts (help lines, impact figures).</summary>
public static partial class FactRules
{
    public const int LineMaxLength = 300;

    /// <summary>One line of visible text: no line breaks, control characters or direction overrides.</summary>
    public static IRuleBuilderOptions<T, string?> PlainLine<T>(this IRuleBuilder<T, string?> rule, string label) =>
        rule.Must(value => value is null || !value.Any(c => char.IsControl(c) || IsHidden(c)))
            .WithMessage($"Remove the invisible or control characters from the {label}: type it again, or paste it as plain text");

    /// <summary>A number as services print it: digits and spaces, perhaps a + first; at least 3 digits.</summary>
    public static bool IsPhoneNumber(string? value) =>
        string.IsNullOrWhiteSpace(value) || (PhoneShape().IsMatch(value.Trim()) && value.Count(char.IsAsciiDigit) is >= 3 and <= 15);

    public static bool IsWebAddress(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host) && !value.Any(char.IsWhiteSpace));

    /// <summary>A "checked on" day: a real date, not in the future (London time), not before 2000.</summary>
    public static bool IsCheckedOn(string? value, TimeProvider clock) =>
        LondonTime.TryParseDate(value, out var day) && day.Year >= 2000
        && day <= DateOnly.FromDateTime(UkFormat.ToLondon(clock.GetUtcNow()).DateTime);

    public static IRuleBuilderOptions<T, string?> ChangeNote<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Say in one line what changed: it is shown in the page's public history")
            .MaximumLength(ContentVersionConfiguration.ChangeNoteMaxLength).WithMessage($"Keep what changed to {ContentVersionConfiguration.ChangeNoteMaxLength} characters or fewer");

    private static bool IsHidden(char c) =>
        c is '\u200B' or '\uFEFF' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    [GeneratedRegex(@"^\+?[0-9][0-9 ]*$")]
    private static partial Regex PhoneShape();
}

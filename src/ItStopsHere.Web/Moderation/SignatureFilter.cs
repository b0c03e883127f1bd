using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Moderation;

/// <summary>
/// The filters of the moderation list (and of the CSV export, which uses the same ones), as they arrive
/// in the query string. Unknown values are ignored rather than failing, except dates, which the page reports.
/// </summary>
public sealed class SignatureFilter
{
    public string? Status { get; set; }

    public string? Type { get; set; }

    public string? Action { get; set; }

    /// <summary>London date, yyyy-MM-dd, inclusive.</summary>
    public string? From { get; set; }

    /// <summary>London date, yyyy-MM-dd, inclusive.</summary>
    public string? To { get; set; }

    /// <summary>Text in the name or the affiliation detail.</summary>
    public string? Q { get; set; }

    public static IReadOnlyList<(string Key, SignatureStatus Status, string Label)> Statuses { get; } =
    [
        ("published", SignatureStatus.Published, "Published"),
        ("held", SignatureStatus.Held, "Held"),
        ("hidden", SignatureStatus.Hidden, "Hidden"),
    ];

    public SignatureStatus? StatusValue => Statuses.Where(s => s.Key == Status).Select(s => (SignatureStatus?)s.Status).FirstOrDefault();

    public SignatoryType? TypeValue => SignatureDisplay.ParseTypeKey(Type);

    public PledgeActions? ActionValue =>
        SignatureDisplay.Actions.Where(a => a.Key == Action).Select(a => (PledgeActions?)a.Action).FirstOrDefault();

    public bool IsFiltered =>
        StatusValue is not null || TypeValue is not null || ActionValue is not null
        || !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To) || !string.IsNullOrWhiteSpace(Q);

    /// <summary>Parses a yyyy-MM-dd date; null when empty, and an error message when it is not a date.</summary>
    public static (DateOnly? Date, string? Error) ParseDate(string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date, null)
            : (null, $"Enter the {label} date as a real date, for example 2026-11-25");
    }

    /// <summary>The query-string form of these filters, for links to other pages of the same view.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (StatusValue is not null) yield return new("status", Status!);
        if (TypeValue is not null) yield return new("type", Type!);
        if (ActionValue is not null) yield return new("action", Action!);
        if (!string.IsNullOrWhiteSpace(From)) yield return new("from", From.Trim());
        if (!string.IsNullOrWhiteSpace(To)) yield return new("to", To.Trim());
        if (!string.IsNullOrWhiteSpace(Q)) yield return new("q", Q.Trim());
    }
}

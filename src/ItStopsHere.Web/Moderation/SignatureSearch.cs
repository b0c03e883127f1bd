using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Pledge;
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

/// <summary>One row of the moderation list. No email address: lists never show one.</summary>
public sealed record SignatureRow(
    long Id,
    long? Number,
    SignatureStatus Status,
    SignatoryType Type,
    string Name,
    Affiliation? Affiliation,
    string? Detail,
    PledgeActions Actions,
    NameDisplay NameDisplay,
    DateTimeOffset SignedAt,
    string? ClientHash)
{
    public string Description => Type == SignatoryType.Individual
        ? string.Join(", ", new[] { Affiliation is { } a ? SignatureDisplay.AffiliationLabel(a) : null, Detail }.Where(x => !string.IsNullOrEmpty(x)))
        : string.Join(", ", new[] { SignatureDisplay.TypeLabel(Type), Detail }.Where(x => !string.IsNullOrEmpty(x)));

    public string ActionsText => string.Join(", ", SignatureDisplay.Actions.Where(a => Actions.HasFlag(a.Action)).Select(a => a.Label));

    /// <summary>A short prefix of the keyed network hash: enough to see rows from one network, never the address.</summary>
    public string NetworkText => ClientHash is { Length: >= 8 } h ? h[..8] : "—";
}

/// <summary>
/// The moderation list's query: newest first by id, filtered, keyset-paged (rows older than an id), so
/// every page costs the same at 100,000 rows. The indexes on (Status, Id), (SignatoryType, Id) and
/// SignedAt let SQLite seek rather than scan for the common filters.
/// </summary>
public static class SignatureSearch
{
    public static IQueryable<Signature> Apply(IQueryable<Signature> signatures, SignatureFilter filter)
    {
        if (filter.StatusValue is { } status)
        {
            signatures = signatures.Where(s => s.Status == status);
        }

        if (filter.TypeValue is { } type)
        {
            signatures = signatures.Where(s => s.SignatoryType == type);
        }

        if (filter.ActionValue is { } action)
        {
            signatures = signatures.Where(s => (s.Actions & action) == action);
        }

        if (SignatureFilter.ParseDate(filter.From, "from").Date is { } from)
        {
            var start = StartOfLondonDay(from);
            signatures = signatures.Where(s => s.SignedAt >= start);
        }

        if (SignatureFilter.ParseDate(filter.To, "to").Date is { } to)
        {
            var end = StartOfLondonDay(to.AddDays(1));
            signatures = signatures.Where(s => s.SignedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = "%" + EscapeLike(UnicodeText.NormalizeOrKeep(filter.Q.Trim())) + "%";
            signatures = signatures.Where(s => EF.Functions.Like(s.Name, pattern, "\\") || EF.Functions.Like(s.Detail!, pattern, "\\"));
        }

        return signatures;
    }

    /// <summary>One page, newest first, of signatures older than <paramref name="beforeId"/>; one extra row says whether there is more.</summary>
    public static IQueryable<SignatureRow> Page(IQueryable<Signature> signatures, SignatureFilter filter, long? beforeId, int pageSize)
    {
        var query = Apply(signatures, filter);
        if (beforeId is { } before)
        {
            query = query.Where(s => s.Id < before);
        }

        return Rows(query.OrderByDescending(s => s.Id).Take(pageSize + 1));
    }

    public static IQueryable<SignatureRow> Rows(IQueryable<Signature> signatures) =>
        signatures.Select(s => new SignatureRow(
            s.Id, s.Number, s.Status, s.SignatoryType, s.Name, s.Affiliation, s.Detail, s.Actions, s.NameDisplay, s.SignedAt, s.ClientHash));

    public static DateTimeOffset StartOfLondonDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, UkFormat.London.GetUtcOffset(local));
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

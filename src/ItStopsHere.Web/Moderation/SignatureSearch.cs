using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Moderation;

/// <summary>
/// The moderation list's query: newest first by id, filtered, keyset-paged (rows older than an id), so
/// every page costs the same at 100,000 rows. The indexes on (Status, Id), (SignatoryType, Id) and
/// SignedAt let SQLite seek rather than scan for the common filters.
/// The text search ignores case on both engines: SQLite's <c>LIKE</c> already does (for ASCII letters),
/// PostgreSQL's is case-sensitive, so there it is <c>ILIKE</c> (any letter), and "history" finds
/// "History society" on either.
/// </summary>
public static class SignatureSearch
{
    /// <summary>The site's signatures (untracked) that <paramref name="filter"/> lets through.</summary>
    public static IQueryable<Signature> Apply(AppDbContext db, SignatureFilter filter) =>
        Apply(db.Signatures.AsNoTracking(), filter, db.Database.IsNpgsql());

    private static IQueryable<Signature> Apply(IQueryable<Signature> signatures, SignatureFilter filter, bool postgreSql)
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
            signatures = postgreSql
                ? signatures.Where(s => EF.Functions.ILike(s.Name, pattern, "\\") || EF.Functions.ILike(s.Detail!, pattern, "\\"))
                : signatures.Where(s => EF.Functions.Like(s.Name, pattern, "\\") || EF.Functions.Like(s.Detail!, pattern, "\\"));
        }

        return signatures;
    }

    /// <summary>One page, newest first, of signatures older than <paramref name="beforeId"/>; one extra row says whether there is more.</summary>
    public static IQueryable<SignatureRow> Page(AppDbContext db, SignatureFilter filter, long? beforeId, int pageSize)
    {
        var query = Apply(db, filter);
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

using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>
/// The one way an instant is stored for sorting and comparing in SQL: UTC milliseconds since the Unix
/// epoch, an INTEGER column. EF Core's SQLite provider keeps <see cref="DateTimeOffset"/> as text and
/// refuses to compare or order it in SQL; as a number, "due before now" and "older than 7 days" run in
/// the database, on an index. Read back, every instant has offset zero (UTC); precision is one
/// millisecond. The writer's raw SQL stores the same number (<c>ToUnixTimeMilliseconds</c>).
/// Used by signatures, offline pledges, pledge settings, the outbox and the audit log.
/// </summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    instant => instant.ToUnixTimeMilliseconds(),
    milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));

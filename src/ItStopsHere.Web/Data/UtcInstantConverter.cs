using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC milliseconds since the Unix epoch (an INTEGER column).
/// EF Core's SQLite provider keeps <see cref="DateTimeOffset"/> as text and refuses to compare or order
/// it in SQL; as a number, "due before now" and "older than 7 days" run in the database, on an index.
/// Read back, every instant has offset zero (UTC); precision is one millisecond.
/// </summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, long>(
    instant => instant.ToUnixTimeMilliseconds(),
    milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));

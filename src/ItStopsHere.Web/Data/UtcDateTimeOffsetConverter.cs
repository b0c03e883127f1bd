using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Stores an instant as a UTC date-time (SQLite text such as <c>2015-10-20 17:00:00</c>), which sorts and
/// compares correctly in SQL; EF Core cannot order or compare <see cref="DateTimeOffset"/> on SQLite.
/// Read back as UTC; pages convert to London time with <c>UkFormat</c>.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTime>(
    value => value.UtcDateTime,
    value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

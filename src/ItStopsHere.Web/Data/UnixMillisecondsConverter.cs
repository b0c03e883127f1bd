using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Instants are stored as Unix milliseconds (UTC): SQLite can then sort and compare them,
/// which it cannot do with EF Core's text form of <see cref="DateTimeOffset"/>.
/// </summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));

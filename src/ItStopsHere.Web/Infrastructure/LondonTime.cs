using System.Globalization;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Dates and times typed into forms, which people write in London time, turned into instants (UTC)
/// and back. A date field accepts what a browser's date picker sends (<c>2026-04-27</c>) and what
/// a person types where there is no picker (<c>27/4/2026</c>); a time field accepts <c>18:00</c>, <c>6:30</c> or <c>18.00</c>.
/// </summary>
public static class LondonTime
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "HH.mm", "H:mm:ss", "HH:mm:ss"];

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>
    /// The instant at <paramref name="time"/> on <paramref name="date"/> in London. False when that time
    /// does not exist (the hour skipped when the clocks go forward). In the hour that happens twice when
    /// they go back, the first (British Summer Time) is meant.
    /// </summary>
    public static bool TryToInstant(DateOnly date, TimeOnly time, out DateTimeOffset instant)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (UkFormat.London.IsInvalidTime(local))
        {
            instant = default;
            return false;
        }

        var offset = UkFormat.London.IsAmbiguousTime(local)
            ? UkFormat.London.GetAmbiguousTimeOffsets(local).Max()
            : UkFormat.London.GetUtcOffset(local);
        instant = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <summary>Parses both fields and combines them; null if either is missing or wrong.</summary>
    public static DateTimeOffset? Combine(string? date, string? time) =>
        TryParseDate(date, out var d) && TryParseTime(time, out var t) && TryToInstant(d, t, out var instant) ? instant : null;

    /// <summary>The value for a date input (<c>yyyy-MM-dd</c>), in London.</summary>
    public static string DateValue(DateTimeOffset instant) =>
        UkFormat.ToLondon(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The value for a time input (<c>HH:mm</c>), in London.</summary>
    public static string TimeValue(DateTimeOffset instant) =>
        UkFormat.ToLondon(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Monday 27 April 2026 at 18:00", for messages and the audit log.</summary>
    public static string Describe(DateTimeOffset instant) => $"{UkFormat.LongDate(instant)} at {UkFormat.Time(instant)}";
}

using System.Globalization;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// How the site writes dates, times and numbers: UK style, in London time, whatever the server's zone.
/// Store instants as UTC <see cref="DateTimeOffset"/>; convert only when showing them.
/// </summary>
public static class UkFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToLondon(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    /// <summary>"27 Apr 2016": compact, for lists and feeds.</summary>
    public static string ShortDate(DateTimeOffset instant) => ToLondon(instant).ToString("d MMM yyyy", Culture);

    /// <summary>"Wednesday 27 April 2016".</summary>
    public static string LongDate(DateTimeOffset instant) => ToLondon(instant).ToString("dddd d MMMM yyyy", Culture);

    /// <summary>"18:00" (24-hour clock, London time).</summary>
    public static string Time(DateTimeOffset instant) => ToLondon(instant).ToString("HH:mm", Culture);

    /// <summary>"1,088".</summary>
    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>The value for an HTML <c>&lt;time datetime&gt;</c> attribute (ISO 8601 with offset).</summary>
    public static string MachineReadable(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

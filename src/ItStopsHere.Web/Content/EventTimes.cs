using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Content;

/// <summary>How an event's date and time are written, in London time: "Tuesday 20 October 2015, 18:00 to 21:00".</summary>
public static class EventTimes
{
    public static string Describe(DateTimeOffset starts, DateTimeOffset? ends)
    {
        var start = $"{UkFormat.LongDate(starts)}, {UkFormat.Time(starts)}";
        if (ends is not { } end)
        {
            return start;
        }

        return UkFormat.ToLondon(starts).Date == UkFormat.ToLondon(end).Date
            ? $"{start} to {UkFormat.Time(end)}"
            : $"{start} to {UkFormat.LongDate(end)}, {UkFormat.Time(end)}";
    }
}

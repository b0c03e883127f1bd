using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Moderation;

/// <summary>One day's bar in the dashboard chart.</summary>
public sealed record DayBar(DateOnly Day, long Count, double X, double Y, double Height)
{
    public string Label => Day.ToString("d MMM", UkFormat.Culture);
}

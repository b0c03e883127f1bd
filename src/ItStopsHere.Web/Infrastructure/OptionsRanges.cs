using System.Globalization;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Range checks for options, run at start-up (<c>ValidateOnStart</c>): a value outside its range stops
/// the app with a message that names the configuration key and the range, instead of being clamped
/// quietly to something the operator did not ask for.
/// </summary>
public static class OptionsRanges
{
    public static OptionsBuilder<TOptions> ValidateRange<TOptions>(
        this OptionsBuilder<TOptions> options, string key, Func<TOptions, long> value, long min, long max)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(value);
        return options.Validate(o => value(o) >= min && value(o) <= max, Between(key, Number(min), Number(max)));
    }

    public static OptionsBuilder<TOptions> ValidateRange<TOptions>(
        this OptionsBuilder<TOptions> options, string key, Func<TOptions, double> value, double min, double max)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(value);
        return options.Validate(o => value(o) >= min && value(o) <= max, Between(key, Number(min), Number(max)));
    }

    public static OptionsBuilder<TOptions> ValidateRange<TOptions>(
        this OptionsBuilder<TOptions> options, string key, Func<TOptions, TimeSpan> value, TimeSpan min, TimeSpan max)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(value);
        return options.Validate(o => value(o) >= min && value(o) <= max, Between(key, Time(min), Time(max)));
    }

    /// <summary>"Pledge:FeedSize must be between 10 and 1,000."</summary>
    public static string Between(string key, string min, string max) => $"{key} must be between {min} and {max}.";

    private static string Number(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>As configuration writes a time span: 00:00:00.25, 1.00:00:00.</summary>
    private static string Time(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Runs every options check registered with <c>ValidateOnStart</c> as soon as the app is built, before the
/// database is opened, a command runs or a request is served: a value outside its range stops the app
/// there, with a message naming the key and the range, never later in the middle of a request.
/// The exit code is <see cref="ProductionReadiness.ExitCode"/> (78, EX_CONFIG), which systemd does not restart.
/// </summary>
public static class SettingsCheck
{
    /// <summary>True when every setting is valid; otherwise writes the problems to <paramref name="error"/> and the log.</summary>
    public static bool Passes(IServiceProvider services, ILogger logger, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<string> problems;
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException exception)
        {
            problems = [.. exception.Failures];
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is OptionsValidationException))
        {
            problems = [.. exception.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)];
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"It Stops Here will not start: {problems.Count} setting(s) must be fixed first."));
        foreach (var problem in problems)
        {
            error.WriteLine("  - " + problem);
            logger.LogCritical("Setting refused at start-up: {Problem}", problem);
        }

        error.WriteLine("See README.md, \"Configuration\".");
        error.Flush();
        return false;
    }
}

using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
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
    /// <summary>
    /// Null when every setting is valid. Otherwise writes the problems to <paramref name="error"/> and the
    /// log and returns the exit code, or, when the app is hosted inside another process (the tests'
    /// WebApplicationFactory, which does not see an exit code), throws the validation exception so that host sees it.
    /// </summary>
    public static int? Refuses(IServiceProvider services, ILogger logger, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<string> problems;
        Exception refused;
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException exception)
        {
            problems = [.. exception.Failures];
            refused = exception;
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is OptionsValidationException))
        {
            problems = [.. exception.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)];
            refused = exception;
        }

        // An options class built from another (PrivacyOptions copies from PledgeOptions) reports the other's problems too.
        problems = [.. problems.Distinct(StringComparer.Ordinal)];
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"It Stops Here will not start: {problems.Count} setting(s) must be fixed first."));
        foreach (var problem in problems)
        {
            error.WriteLine("  - " + problem);
            logger.LogCritical("Setting refused at start-up: {Problem}", problem);
        }

        error.WriteLine("See README.md, \"Configuration\".");
        error.Flush();
        if (Assembly.GetEntryAssembly() != typeof(SettingsCheck).Assembly)
        {
            ExceptionDispatchInfo.Throw(refused);
        }

        return ProductionReadiness.ExitCode;
    }
}

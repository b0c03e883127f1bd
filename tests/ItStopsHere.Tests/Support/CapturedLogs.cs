using System.Collections.Concurrent;
using ItStopsHere.Web.Email;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// A Serilog sink that keeps every event in memory. The app reads sinks from its services
/// (<c>ReadFrom.Services</c>), so <see cref="SiteFactory"/> registers one per app.
/// </summary>
public sealed class CapturedLogs(bool reportLeaks = true) : ILogEventSink
{
    // Lines with an address, from every app in the test run, until a test's end reports them
    // (see NoEmailAddressInLogsAttribute).
    private static readonly ConcurrentQueue<string> Leaks = new();

    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        if (reportLeaks)
        {
            var line = Render(logEvent);
            if (EmailAddresses.ContainsAddress(line))
            {
                Leaks.Enqueue(line);
            }
        }
    }

    /// <summary>The lines with an address logged by any app since the last call.</summary>
    public static IReadOnlyList<string> TakeLeaks()
    {
        var taken = new List<string>();
        while (Leaks.TryDequeue(out var line))
        {
            taken.Add(line);
        }

        return taken;
    }

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>Each event as one line: the rendered message, every property, and any exception in full.</summary>
    public IReadOnlyList<string> Lines => Events.Select(Render).ToList();

    // Like the console: string values without quotes, then every property (including those not in the message).
    private static readonly MessageTemplateTextFormatter Format = new(
        "[{Level}] {Message:lj} {Properties:j} {Exception}", System.Globalization.CultureInfo.InvariantCulture);

    public static string Render(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Format.Format(logEvent, writer);
        return writer.ToString();
    }

    /// <summary>Fails if any log line holds something that looks like an email address.</summary>
    public void AssertNoEmailAddresses()
    {
        var offending = Lines.Where(EmailAddresses.ContainsAddress).ToList();
        if (offending.Count > 0)
        {
            throw new InvalidOperationException(
                $"{offending.Count} log line(s) contain an email address; the first: {EmailAddresses.Redact(offending[0])}");
        }
    }
}

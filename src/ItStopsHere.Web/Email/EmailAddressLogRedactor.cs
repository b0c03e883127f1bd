using Serilog.Core;
using Serilog.Events;

namespace ItStopsHere.Web.Email;

/// <summary>
/// A safety net under the rule that no email address is logged: any string property that holds one is
/// rewritten with "[address]" before a sink sees it. Our own log lines never carry an address; this
/// catches the framework's, such as a request URL with an address in its query string when someone
/// turns up the framework's log level. Registered as a service; the app reads enrichers from its
/// services (<c>ReadFrom.Services</c>).
/// </summary>
public sealed class EmailAddressLogRedactor : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var redacted = Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, redacted));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The same value if it holds no address (so nothing is copied), otherwise a redacted copy.</summary>
    private static LogEventPropertyValue Redact(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text } when EmailAddresses.ContainsAddress(text):
                return new ScalarValue(EmailAddresses.Redact(text));
            case ScalarValue { Value: Uri uri } when EmailAddresses.ContainsAddress(uri.OriginalString):
                return new ScalarValue(EmailAddresses.Redact(uri.OriginalString));
            case SequenceValue sequence:
            {
                var elements = sequence.Elements.Select(Redact).ToList();
                return elements.Zip(sequence.Elements).All(p => ReferenceEquals(p.First, p.Second)) ? value : new SequenceValue(elements);
            }

            case StructureValue structure:
            {
                var properties = structure.Properties.Select(p => new { p.Name, Old = p.Value, New = Redact(p.Value) }).ToList();
                return properties.All(p => ReferenceEquals(p.Old, p.New))
                    ? value
                    : new StructureValue(properties.Select(p => new LogEventProperty(p.Name, p.New)), structure.TypeTag);
            }

            case DictionaryValue dictionary:
            {
                var entries = dictionary.Elements.Select(e => new { e.Key, Old = e.Value, New = Redact(e.Value) }).ToList();
                return entries.All(e => ReferenceEquals(e.Old, e.New))
                    ? value
                    : new DictionaryValue(entries.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, e.New)));
            }

            default:
                return value;
        }
    }
}

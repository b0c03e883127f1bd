using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Reporting;

/// <summary>What the person who reported sees at <c>/report/follow-up</c>.</summary>
public sealed record ReporterView(Guid Id, ReportRoute Route, ReportState State, DateTimeOffset CreatedAt, IReadOnlyList<ConversationMessage> Messages);

using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Reporting;

/// <summary>One decrypted message, for the reporter's follow-up page or the adviser's case page.</summary>
public sealed record ConversationMessage(Guid Id, ReportMessageKind Kind, string Text, DateTimeOffset At, string? AuthorId);

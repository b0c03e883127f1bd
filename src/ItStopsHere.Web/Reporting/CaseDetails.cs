namespace ItStopsHere.Web.Reporting;

/// <summary>A case as its assigned adviser sees it: the whole report, decrypted, with the conversation and private notes.</summary>
public sealed record CaseDetails(CaseSummary Summary, ReportAnswers Answers, IReadOnlyList<ConversationMessage> Messages);

namespace ItStopsHere.Web.Data;

/// <summary>Who wrote a message on a case, and so who may read it.</summary>
public enum ReportMessageKind
{
    /// <summary>Written by the person reporting; read by them and the assigned adviser.</summary>
    FromReporter = 0,

    /// <summary>An adviser's reply; read by the reporter and the assigned adviser.</summary>
    ToReporter = 1,

    /// <summary>A private case note; read only by the assigned adviser.</summary>
    Note = 2,

    /// <summary>The outcome recorded when the case is closed; read only by the assigned adviser.</summary>
    Outcome = 3,
}

namespace ItStopsHere.Web.Data;

/// <summary>
/// A report made at <c>/report</c>. Only the coarse facts needed for the queue and for statistics are
/// readable here (categories, the month, the place, the route, the state and times); everything the
/// person wrote or chose, and their contact details, is in <see cref="Payload"/>, encrypted with the
/// report's own key (<see cref="ReportKey"/>). Written only through <c>Reporting.ReportStore</c> and
/// <c>Reporting.CaseDesk</c>. Never exported, and never shown outside <c>/cases</c> and the reporter's follow-up.
/// </summary>
public sealed class Report
{
    /// <summary>Random, so case addresses cannot be counted or guessed; also bound into every ciphertext.</summary>
    public Guid Id { get; set; }

    public ReportRoute Route { get; set; }

    public ReportState State { get; set; }

    /// <summary>The forms of harassment ticked, as codes separated by commas (e.g. <c>verbal,online</c>).</summary>
    public string Categories { get; set; } = "";

    /// <summary>The place, as a code (e.g. <c>campus</c>).</summary>
    public string Place { get; set; } = "";

    /// <summary>The month the report was made, <c>yyyy-MM</c> (London time), for statistics.</summary>
    public string Month { get; set; } = "";

    /// <summary>Everything else the person gave, encrypted (<c>Reporting.ReportCrypto</c>).</summary>
    public byte[] Payload { get; set; } = [];

    /// <summary>HMAC of the anonymous reporter's access code; null for a named report.</summary>
    public string? AccessCodeHash { get; set; }

    /// <summary>SHA-256 of the named reporter's personal link; replaced with each email.</summary>
    public string? ContactTokenHash { get; set; }

    /// <summary>The staff user id of the adviser the case is given to.</summary>
    public string? AdviserId { get; set; }

    /// <summary>True when the reporter has written and no adviser has answered since.</summary>
    public bool AwaitingReply { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FirstReplyAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public ReportKey? Key { get; set; }

    public List<ReportMessage> Messages { get; set; } = [];
}

using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Moderation;

/// <summary>One row of the moderation list. No email address: lists never show one.</summary>
public sealed record SignatureRow(
    long Id,
    long? Number,
    SignatureStatus Status,
    SignatoryType Type,
    string Name,
    Affiliation? Affiliation,
    string? Detail,
    PledgeActions Actions,
    NameDisplay NameDisplay,
    DateTimeOffset SignedAt,
    string? ClientHash)
{
    public string Description => Type == SignatoryType.Individual
        ? string.Join(", ", new[] { Affiliation is { } a ? SignatureDisplay.AffiliationLabel(a) : null, Detail }.Where(x => !string.IsNullOrEmpty(x)))
        : string.Join(", ", new[] { SignatureDisplay.TypeLabel(Type), Detail }.Where(x => !string.IsNullOrEmpty(x)));

    public string ActionsText => string.Join(", ", SignatureDisplay.Actions.Where(a => Actions.HasFlag(a.Action)).Select(a => a.Label));

    /// <summary>A short prefix of the keyed network hash: enough to see rows from one network, never the address.</summary>
    public string NetworkText => ClientHash is { Length: >= 8 } h ? h[..8] : "—";
}

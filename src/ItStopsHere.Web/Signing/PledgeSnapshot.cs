using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>The published count, the tallies and the newest signatures at one moment. Immutable.</summary>
public sealed record PledgeSnapshot(
    long Count,
    long LastNumber,
    IReadOnlyDictionary<SignatoryType, long> ByType,
    IReadOnlyDictionary<PledgeActions, long> ByAction,
    IReadOnlyList<PublicSignature> Latest,
    DateTimeOffset UpdatedAt,
    long Offline = 0)
{
    /// <summary>The public total: published signatures plus pledges collected offline.</summary>
    public long Total => Count + Offline;

    public static PledgeSnapshot Empty { get; } = new(
        0, 0, new Dictionary<SignatoryType, long>(), new Dictionary<PledgeActions, long>(), [], DateTimeOffset.UnixEpoch);
}

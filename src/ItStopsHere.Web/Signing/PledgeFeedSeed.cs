using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>What <see cref="PledgeFeed"/> needs to start: read once from the database at start-up.</summary>
public sealed record PledgeFeedSeed(IReadOnlyList<SignatureFacts> Published, long LastNumber, long Offline = 0);

using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// A signature that has just been published (<see cref="IsPublished"/>) or taken down. <see cref="EventId"/>
/// is its row in the PostgreSQL change log (<see cref="PledgeChangeLog"/>), the same on every instance; 0 on SQLite,
/// where the live hub numbers its own events.
/// </summary>
public sealed record FeedChange(bool IsPublished, SignatureFacts Facts, long EventId = 0);

using System.Globalization;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Moderation;

/// <summary>A batch of offline pledges as a moderator records it.</summary>
public sealed record NewOfflinePledge(int Count, DateOnly CollectedOn, string Location, string? Note);

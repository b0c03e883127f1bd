using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Moderation;

/// <summary>The result of one moderation request: which signatures changed, and which were skipped (already changed by someone else).</summary>
public sealed record ModerationResult(IReadOnlyList<long> Changed, IReadOnlyList<long> Skipped);

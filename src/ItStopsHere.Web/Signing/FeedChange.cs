using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>A signature that has just been published (<see cref="IsPublished"/>) or taken down.</summary>
public sealed record FeedChange(bool IsPublished, SignatureFacts Facts);

using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Pledge;

/// <summary>The pledge's machine-readable endpoints: the live stream and the statistics.</summary>
public static class PledgeEndpoints
{
    public static IEndpointRouteBuilder MapPledgeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/pledge/live", (HttpContext context, PledgeLiveHub hub, string? after) =>
        {
            // A reconnecting EventSource sends Last-Event-ID; a page's first connection says where its HTML left off.
            var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? after;
            context.Response.Headers["X-Accel-Buffering"] = "no";
            return TypedResults.ServerSentEvents(hub.Subscribe(lastEventId, context.RequestAborted));
        });

        endpoints.MapGet("/pledge/stats", (HttpContext context, PledgeFeed feed, PledgeLiveHub hub) =>
        {
            var snapshot = feed.Current;
            context.Response.Headers.CacheControl = "public, max-age=5";
            return TypedResults.Json(new PledgeStats(
                snapshot.Total,
                hub.Goal,
                Enum.GetValues<SignatoryType>().ToDictionary(SignatureDisplay.TypeKey, t => snapshot.ByType.GetValueOrDefault(t)),
                SignatureDisplay.Actions.ToDictionary(a => a.Key, a => snapshot.ByAction.GetValueOrDefault(a.Action)),
                snapshot.LastNumber,
                snapshot.UpdatedAt,
                snapshot.Offline));
        });

        return endpoints;
    }

    /// <summary>The public figures, as <c>/pledge/stats</c> returns them.</summary>
    public sealed record PledgeStats(
        long Count,
        int Goal,
        IReadOnlyDictionary<string, long> ByType,
        IReadOnlyDictionary<string, long> ByAction,
        long LastNumber,
        DateTimeOffset UpdatedAt,
        long Offline);
}

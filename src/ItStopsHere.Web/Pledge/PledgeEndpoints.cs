using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Http.Features;

namespace ItStopsHere.Web.Pledge;

/// <summary>The pledge's machine-readable endpoints: the live stream and the statistics.</summary>
public static class PledgeEndpoints
{
    public static IEndpointRouteBuilder MapPledgeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/pledge/live", async (HttpContext context, PledgeLiveHub hub, string? after) =>
        {
            // A reconnecting EventSource sends Last-Event-ID; a page's first connection says where its HTML left off.
            var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? after;
            var response = context.Response;
            // What TypedResults.ServerSentEvents sets; the hub hands us whole events already written out
            // once for every client, which that result (one encoding and one flush per event) cannot take.
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache,no-store";
            response.Headers.Pragma = "no-cache";
            response.Headers.ContentEncoding = "identity";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
            await response.StartAsync(context.RequestAborted);
            try
            {
                await foreach (var events in hub.Subscribe(lastEventId, context.RequestAborted))
                {
                    // PipeWriter.WriteAsync writes and flushes: one socket write per broadcast.
                    var flushed = await response.BodyWriter.WriteAsync(events, context.RequestAborted);
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The browser went away: nothing to answer.
            }
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

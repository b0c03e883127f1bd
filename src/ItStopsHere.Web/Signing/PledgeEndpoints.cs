using System.Globalization;
using System.Text;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Http.Features;

namespace ItStopsHere.Web.Signing;

/// <summary>The pledge's machine-readable endpoints: the live stream and the statistics.</summary>
public static class PledgeEndpoints
{
    public static IEndpointRouteBuilder MapPledgeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/pledge/live", async (HttpContext context, PledgeLiveHub hub, LiveConnectionLimits limits, string? after) =>
        {
            // Held until the stream ends, however it ends (the client leaves, falls behind, or the app stops).
            using var place = limits.TryAcquire(context.Connection.RemoteIpAddress);
            if (place is null)
            {
                await RefuseAsync(context.Response, limits.RetryAfter);
                return;
            }

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
                // When this stream ends (a restart, or a client that fell behind), EventSource reconnects after
                // this long: a different wait for each client, so thousands do not come back in the same second.
                await response.BodyWriter.WriteAsync(RetryField(TimeSpan.FromMilliseconds(Random.Shared.Next(3_000, 15_000))), context.RequestAborted);
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

    /// <summary>
    /// The stream is full: 503 with <c>Retry-After</c>, and the same wait as an SSE <c>retry:</c> field for
    /// clients that read the body. A browser's EventSource gives up on any answer but 200, so the page's
    /// script waits (longer each time, with jitter) before it tries again; the page keeps the count it
    /// was rendered with. Content-Type is set, so the status-code pages leave this answer alone.
    /// </summary>
    private static async Task RefuseAsync(HttpResponse response, TimeSpan retryAfter)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await response.Body.WriteAsync(RetryField(retryAfter));
    }

    private static byte[] RetryField(TimeSpan wait) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"retry: {(long)wait.TotalMilliseconds}\n\n"));

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

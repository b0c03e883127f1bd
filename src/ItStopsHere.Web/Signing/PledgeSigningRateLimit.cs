using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// Per-client limits on posting the pledge form, with ASP.NET Core's rate limiter: a token bucket
/// (a burst, then a steady rate per minute) chained with a sliding one-hour window. Clients are told
/// apart by network (<see cref="ClientHasher.NetworkOf"/>), so a whole IPv6 /64 counts as one.
/// Reading pages is never limited. A rejected post gets 429 with <c>Retry-After</c>, which the
/// friendly error page turns into "try again after ...".
/// With several instances (<see cref="Infrastructure.DeploymentOptions.Instances"/>) each counts its share of
/// every limit, so the site as a whole allows about the configured figures.
/// </summary>
public sealed class PledgeSigningRateLimit(
    IOptions<PledgeOptions> options, IOptions<Infrastructure.DeploymentOptions> deployment, ILogger<PledgeSigningRateLimit> logger) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "pledge-signing";

    private const int HourSegments = 12;

    /// <summary>
    /// The token bucket says exactly when a token is due; the sliding window does not, but it frees
    /// permits one segment (five minutes) at a time, so that is when to come back.
    /// </summary>
    private static readonly TimeSpan HourlyRetryAfter = TimeSpan.FromHours(1) / HourSegments;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero
            ? wait
            : HourlyRetryAfter;
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        Operations.SiteMetrics.RateLimitRefusals.Add(1);
        logger.LogWarning("Pledge signing rate limit reached; client told to retry in {RetryAfterSeconds} s", seconds);
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("reading");
        }

        var limits = PerInstance(options.Value.RateLimit, deployment.Value);
        var network = ClientHasher.NetworkOf(httpContext.Connection.RemoteIpAddress);
        return RateLimitPartition.Get(network, _ => RateLimiter.CreateChained(
            new TokenBucketRateLimiter(BucketOptions(limits)),
            new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limits.PerHour,
                Window = TimeSpan.FromHours(1),
                SegmentsPerWindow = HourSegments,
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
    }

    /// <summary>What one instance allows: its share of each configured limit.</summary>
    public static PledgeRateLimitOptions PerInstance(PledgeRateLimitOptions limits, Infrastructure.DeploymentOptions deployment)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(deployment);
        return new PledgeRateLimitOptions
        {
            Burst = deployment.Share(limits.Burst),
            PerMinute = deployment.Share(limits.PerMinute),
            PerHour = deployment.Share(limits.PerHour),
        };
    }

    /// <summary>Refills one token at a time where the rate allows, so the limit feels smooth, not stepwise.</summary>
    private static TokenBucketRateLimiterOptions BucketOptions(PledgeRateLimitOptions limits)
    {
        var perMinute = limits.PerMinute;
        var (period, tokens) = perMinute <= 60
            ? (TimeSpan.FromMinutes(1) / perMinute, 1)
            : (TimeSpan.FromSeconds(1), (int)Math.Ceiling(perMinute / 60.0));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}

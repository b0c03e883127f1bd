using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// Per-network limit on posting the sign-in, authenticator-code and recovery-code forms, with ASP.NET
/// Core's rate limiter (as the pledge's <see cref="PledgeSigningRateLimit"/>): a token bucket keyed by the
/// client's network (the connection's address; forwarded headers count only from configured proxies).
/// Reading the pages is not limited. Over the limit: 429 with <c>Retry-After</c>, shown as the friendly
/// "Too many attempts" page.
/// </summary>
public sealed class StaffSignInRateLimit(IOptions<AccountOptions> options, ILogger<StaffSignInRateLimit> logger) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "staff-sign-in";

    private readonly StaffSignInRateLimitOptions _limits = options.Value.SignInRateLimit;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        logger.LogWarning("Staff sign-in rate limit reached; client told to retry in {RetryAfterSeconds} s", seconds);
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("reading");
        }

        var perHour = _limits.PerHour;
        var (period, tokens) = perHour <= 3600
            ? (TimeSpan.FromHours(1) / perHour, 1)
            : (TimeSpan.FromSeconds(1), (int)Math.Ceiling(perHour / 3600.0));
        return RateLimitPartition.GetTokenBucketLimiter(SignInThrottle.NetworkOf(httpContext), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = _limits.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

namespace ItStopsHere.Web.Email;

/// <summary>
/// When to try a failed message again: exponential back-off (the first delay, doubled after every
/// failure, up to a cap) with "equal jitter": half the delay is fixed, the other half random, so many
/// messages that failed together (the mail server went down) do not all come back at the same moment,
/// and none comes back sooner than half its delay.
/// </summary>
public static class RetryPolicy
{
    /// <param name="failedAttempts">Attempts made so far, at least 1.</param>
    public static TimeSpan DelayAfter(int failedAttempts, OutboxOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = Ceiling(failedAttempts, options);
        var half = ceiling / 2;
        return half + half * random.NextDouble();
    }

    /// <summary>The longest delay after <paramref name="failedAttempts"/> failures (before jitter).</summary>
    public static TimeSpan Ceiling(int failedAttempts, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doublings = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = options.FirstRetryDelay.Ticks * Math.Pow(2, doublings);
        return ticks >= options.MaxRetryDelay.Ticks ? options.MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Accounts;

/// <summary>
/// How failed sign-ins are slowed down without letting a stranger lock a member of staff out, and
/// without revealing which addresses have accounts:
/// <list type="bullet">
/// <item><b>Per account and network</b> (this class, in memory): after <see cref="AccountServices.MaxFailedAttempts"/>
/// wrong passwords or codes for one account from one network (an IPv4 address or IPv6 /64), that
/// network's attempts on that account are refused for <see cref="AccountServices.LockoutDuration"/>,
/// without even checking the password. Someone guessing from elsewhere does not stop the owner signing in
/// from their own connection.</item>
/// <item><b>Per account, everywhere</b> (Identity's lockout, in the database): after
/// <see cref="AccountServices.AccountWideMaxFailedAttempts"/> failures in a row from any number of
/// networks (a distributed guess), the account is locked for the same time.</item>
/// <item><b>Per network, every account</b>: the <see cref="StaffSignInRateLimit"/> on the three sign-in forms.</item>
/// </list>
/// Every refusal looks and takes the same as a wrong password: the same words, a password hash always
/// computed (against <see cref="DummyHash"/> when there is no account or it is paused), and an answer
/// no sooner than <see cref="MinimumFailureTime"/> after the request arrived, so the database writes of
/// one path and not another cannot be timed. The owner is told by email instead (<see cref="ShouldNotify"/>).
/// </summary>
/// <remarks>
/// The per-network counts live in this process (bounded to <see cref="Capacity"/> entries). With several
/// instances each counts on its own, and a restart forgets them; the account-wide lockout is in the
/// database and holds regardless.
/// </remarks>
public sealed class SignInThrottle(TimeProvider clock, IOptions<AccountOptions> options)
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<(string UserId, string Network), Entry> _entries = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastNotice = new();
    private readonly Lock _pruning = new();
    private string? _dummyHash;

    /// <summary>The least time a refused sign-in takes; configurable as <c>Accounts:FailedSignInMinimumMilliseconds</c>.</summary>
    public TimeSpan MinimumFailureTime { get; } = TimeSpan.FromMilliseconds(options.Value.FailedSignInMinimumMilliseconds);

    public static string NetworkOf(HttpContext context) => ClientHasher.NetworkOf(context.Connection.RemoteIpAddress);

    /// <summary>Until when sign-in to <paramref name="userId"/> from <paramref name="network"/> is paused, if it is.</summary>
    public DateTimeOffset? PausedUntil(string userId, string network) =>
        _entries.TryGetValue((userId, network), out var entry) && entry.PausedUntil is { } until && until > clock.GetUtcNow()
            ? until
            : null;

    /// <summary>
    /// Counts a wrong password or code for <paramref name="userId"/> from <paramref name="network"/>.
    /// Returns the failures so far in this run and, when this one reached the limit, until when sign-in from
    /// there is paused.
    /// </summary>
    public (int Failures, DateTimeOffset? PausedNow) Failed(string userId, string network)
    {
        PruneIfFull();
        var now = clock.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            (userId, network),
            _ => new Entry(1, null, now),
            (_, old) => old.PausedUntil is { } until && until <= now
                ? new Entry(1, null, now) // a pause that has ended starts a new count
                : old with { Failures = old.Failures + 1, LastFailure = now });
        if (entry.Failures < AccountServices.MaxFailedAttempts || entry.PausedUntil is not null)
        {
            return (entry.Failures, null);
        }

        var paused = now + AccountServices.LockoutDuration;
        _entries[(userId, network)] = entry with { PausedUntil = paused };
        return (entry.Failures, paused);
    }

    /// <summary>Whether sign-in to <paramref name="userId"/> is paused from any network now.</summary>
    public bool IsPausedAnywhere(string userId)
    {
        var now = clock.GetUtcNow();
        return _entries.Any(e => e.Key.UserId == userId && e.Value.PausedUntil > now);
    }

    /// <summary>An Admin unlocked the account: every network's count and pause for it ends.</summary>
    public void ForgetAccount(string userId)
    {
        foreach (var key in _entries.Keys.Where(k => k.UserId == userId).ToList())
        {
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>A successful sign-in from <paramref name="network"/> clears its count for that account.</summary>
    public void Succeeded(string userId, string network) => _entries.TryRemove((userId, network), out _);

    /// <summary>Whether to email the owner about a pause or lock now: at most once per <see cref="AccountServices.LockoutDuration"/> per account, so the notices cannot flood their inbox.</summary>
    public bool ShouldNotify(string userId)
    {
        var now = clock.GetUtcNow();
        while (true)
        {
            if (_lastNotice.TryAdd(userId, now))
            {
                return true;
            }

            if (!_lastNotice.TryGetValue(userId, out var last))
            {
                continue;
            }

            if (now - last < AccountServices.LockoutDuration)
            {
                return false;
            }

            if (_lastNotice.TryUpdate(userId, now, last))
            {
                return true;
            }
        }
    }

    /// <summary>The same work a real password check does, for an address with no account or a paused one.</summary>
    public void CheckAgainstDummy(IPasswordHasher<StaffUser> hasher, string password)
    {
        _dummyHash ??= hasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(new StaffUser(), _dummyHash, password);
    }

    /// <summary>Waits until <see cref="MinimumFailureTime"/> has passed since <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public Task PadAsync(long startedAt, CancellationToken cancellationToken = default)
    {
        var remaining = MinimumFailureTime - Stopwatch.GetElapsedTime(startedAt);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Drops counts that have not moved for a pause's length (and ended pauses) when the table is full.</summary>
    private void PruneIfFull()
    {
        if (_entries.Count < Capacity)
        {
            return;
        }

        lock (_pruning)
        {
            var cutoff = clock.GetUtcNow() - AccountServices.LockoutDuration;
            foreach (var (key, entry) in _entries)
            {
                if (entry.LastFailure < cutoff && (entry.PausedUntil is null || entry.PausedUntil < clock.GetUtcNow()))
                {
                    _entries.TryRemove(key, out _);
                }
            }

            foreach (var (key, last) in _lastNotice)
            {
                if (last < cutoff)
                {
                    _lastNotice.TryRemove(key, out _);
                }
            }

            // Still full of fresh entries (a flood of made-up accounts cannot get here: only real accounts are
            // counted): forget the oldest half rather than grow without bound.
            if (_entries.Count >= Capacity)
            {
                foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastFailure).Take(_entries.Count / 2).ToList())
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset? PausedUntil, DateTimeOffset LastFailure);
}

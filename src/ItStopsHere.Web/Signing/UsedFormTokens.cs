using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// The one-time numbers of pledge forms that have signed, each kept until its form expires, in memory and
/// bounded (<see cref="Capacity"/> entries, about 50 bytes each), with a 64-bit hash of the address each
/// signed with (never the address). When full, forgotten entries are the
/// ones closest to expiring anyway; a warning is logged, as a form among them could then sign again.
/// </summary>
public sealed class UsedFormTokens(TimeProvider clock, ILogger<UsedFormTokens> logger)
{
    /// <summary>
    /// Room for 250,000 signings within one form lifetime (12 hours by default): far beyond the campaign's
    /// busiest day, about 10 MB when full.
    /// </summary>
    public const int Capacity = 250_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (long Expires, long Key)> _used = new();
    private readonly Lock _pruning = new();

    public static long KeyHash(string emailKey) =>
        BitConverter.ToInt64(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(emailKey)).AsSpan(0, 8));

    /// <summary>
    /// Records <paramref name="nonce"/> as used until <paramref name="expires"/> by the address whose hash is
    /// <paramref name="key"/>; false when it was already used by another address.
    /// </summary>
    public bool TryUse(long nonce, DateTimeOffset expires, long key)
    {
        if (_used.Count >= Capacity)
        {
            Prune();
        }

        // An entry left after its form expired is harmless: an expired form is refused before it gets here.
        var entry = _used.GetOrAdd(nonce, (expires.UtcTicks, key));
        return entry.Key == key;
    }

    public int Count => _used.Count;

    private void Prune()
    {
        lock (_pruning)
        {
            if (_used.Count < Capacity)
            {
                return;
            }

            var now = clock.GetUtcNow().UtcTicks;
            foreach (var (nonce, entry) in _used)
            {
                if (entry.Expires <= now)
                {
                    _used.TryRemove(nonce, out _);
                }
            }

            if (_used.Count >= Capacity * 9 / 10)
            {
                var forget = _used.Count - Capacity * 8 / 10;
                foreach (var (nonce, _) in _used.OrderBy(e => e.Value.Expires).Take(forget).ToList())
                {
                    _used.TryRemove(nonce, out _);
                }

                logger.LogWarning("Used pledge forms: the in-memory record was full; forgot the {Count} closest to expiring", forget);
            }
        }
    }
}

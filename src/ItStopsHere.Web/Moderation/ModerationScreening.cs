using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Web.Moderation;

/// <summary>
/// The auto-hold rules behind <see cref="ISignatureScreening"/>. A signature is held when the site is in
/// pre-moderation, or in either mode when its name or free text contains a word from the Admins' list,
/// its name looks like a web or email address, or its network sent more than the burst limit within the
/// burst window. The burst is counted in memory: it is about the last few minutes, and a restart that
/// forgets them only lets one more burst through to post-moderation.
/// </summary>
public sealed partial class ModerationScreening(PledgeSettingsStore settings, TimeProvider clock) : ISignatureScreening
{
    private const int PruneEvery = 1024;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);
    private int _sincePrune;

    public SignatureStatus InitialStatus(NewSignature signature) =>
        Screen(signature).Count == 0 ? SignatureStatus.Published : SignatureStatus.Held;

    /// <summary>Every rule the signature trips; empty when it may be published at once. Counts it towards the burst.</summary>
    public IReadOnlyList<HoldReason> Screen(NewSignature signature)
    {
        var current = settings.Current;
        var reasons = new List<HoldReason>(2);
        if (current.PreModeration)
        {
            reasons.Add(HoldReason.PreModeration);
        }

        reasons.AddRange(ContentReasons(signature.Name, signature.Detail, current.HeldWords));
        if (signature.ClientHash is { } hash && CountBurst(hash, current) > current.BurstLimit)
        {
            reasons.Add(HoldReason.Burst);
        }

        return reasons;
    }

    /// <summary>The rules that depend only on the text, so the queue can say why a signature is there.</summary>
    public static IEnumerable<HoldReason> ContentReasons(string name, string? detail, IReadOnlyList<string> heldWords)
    {
        if (FindHeldWord(name, heldWords) is not null || FindHeldWord(detail, heldWords) is not null)
        {
            yield return HoldReason.HeldWord;
        }

        if (LooksLikeAddress(name))
        {
            yield return HoldReason.NameLooksLikeAddress;
        }
    }

    /// <summary>The first held word found as a whole word (any case) in <paramref name="text"/>, or null.</summary>
    public static string? FindHeldWord(string? text, IReadOnlyList<string> heldWords)
    {
        if (string.IsNullOrWhiteSpace(text) || heldWords.Count == 0)
        {
            return null;
        }

        foreach (var word in heldWords)
        {
            if (ContainsWholeWord(text, word))
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>
    /// A name like "www.example.com", "buy-now.shop", "someone@host" or "example dot com": the validator
    /// already refuses full links, so this catches the spelled-out and bare-domain forms spammers use.
    /// </summary>
    public static bool LooksLikeAddress(string name) =>
        AddressPattern().IsMatch(name) || SpelledOutPattern().IsMatch(name);

    /// <summary>
    /// True when <paramref name="word"/> occurs in <paramref name="text"/> (any case) as a whole word: not
    /// preceded or followed by a letter, mark or digit, so "ass" does not hold "class". A plain scan, linear
    /// in the text: a pattern with a time limit could run out of time on a starved CPU and turn a signing
    /// into an error.
    /// </summary>
    private static bool ContainsWholeWord(string text, string word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !IsWordCharacter(text[at - 1])) && (end == text.Length || !IsWordCharacter(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordCharacter(char c) => char.GetUnicodeCategory(c) switch
    {
        System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter
            or System.Globalization.UnicodeCategory.TitlecaseLetter or System.Globalization.UnicodeCategory.ModifierLetter
            or System.Globalization.UnicodeCategory.OtherLetter or System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark
            or System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.LetterNumber
            or System.Globalization.UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    public static string Describe(HoldReason reason) => reason switch
    {
        HoldReason.PreModeration => "Pre-moderation is on",
        HoldReason.HeldWord => "Contains a word on the held list",
        HoldReason.NameLooksLikeAddress => "Name looks like a web or email address",
        HoldReason.Burst => "Many signatures from one network at once",
        _ => reason.ToString(),
    };

    private int CountBurst(string hash, ModerationSettings current)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddMinutes(-current.BurstMinutes);
        var times = _recent.GetOrAdd(hash, _ => new Queue<DateTimeOffset>());
        int count;
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= cutoff)
            {
                times.Dequeue();
            }

            times.Enqueue(now);
            // Keep no more than needed to decide: one past the limit.
            while (times.Count > current.BurstLimit + 1)
            {
                times.Dequeue();
            }

            count = times.Count;
        }

        if (Interlocked.Increment(ref _sincePrune) >= PruneEvery)
        {
            Interlocked.Exchange(ref _sincePrune, 0);
            Prune(cutoff);
        }

        return count;
    }

    /// <summary>Forgets networks that have gone quiet, so the table does not grow with every address ever seen.</summary>
    private void Prune(DateTimeOffset cutoff)
    {
        foreach (var (hash, times) in _recent)
        {
            lock (times)
            {
                if (times.Count == 0 || times.Last() <= cutoff)
                {
                    _recent.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(hash, times));
                }
            }
        }
    }

    // NonBacktracking: linear in the name's length whatever it holds, so no time limit is needed (a limit of
    // 100 ms ran out on a starved CPU under a signing storm and answered the signer with an error).
    [GeneratedRegex(@"@|https?\b|\bwww\b|[\p{L}\p{N}-]{2,}\s*\.\s*(com|net|org|io|ly|co|uk|info|biz|xyz|ru|cn|me|app|site|online|top|shop|store|click|link|live|club|vip|win|bet|loan|ac)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"\b(dot|\(dot\)|\[dot\])\s*(com|net|org|co|uk|io)\b|\(at\)|\[at\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex SpelledOutPattern();
}

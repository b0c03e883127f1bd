using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Moderation;

/// <summary>The pledge settings Admins can change while the site runs. Immutable: a change swaps in a new one.</summary>
public sealed record ModerationSettings(
    bool PreModeration,
    IReadOnlyList<string> HeldWords,
    int BurstLimit,
    int BurstMinutes,
    int Goal)
{
    public string ModeText => PreModeration ? "Pre-moderation (held until approved)" : "Post-moderation (published at once)";

    /// <summary>What an audit entry says about each field, so old → new can be written for the ones that changed.</summary>
    public IEnumerable<(string Field, string Value)> Describe()
    {
        yield return ("Mode", PreModeration ? "pre-moderation" : "post-moderation");
        yield return ("Held words", HeldWords.Count == 0 ? "(none)" : string.Join(", ", HeldWords));
        yield return ("Burst limit", string.Create(CultureInfo.InvariantCulture, $"more than {BurstLimit} in {BurstMinutes} min"));
        yield return ("Goal", Goal.ToString(CultureInfo.InvariantCulture));
    }
}

namespace ItStopsHere.Web.Signing;

/// <summary>
/// Per-client limits on signing, sized for campuses: a lecture theatre or a freshers' fair stall signs
/// from one NAT address, so a room of people (tens a minute) gets through while a script does not.
/// </summary>
public sealed class PledgeRateLimitOptions
{
    /// <summary>Signings one address may make at once before the per-minute rate applies.</summary>
    public int Burst { get; set; } = 60;

    /// <summary>Signings per minute one address may keep up once its burst is spent.</summary>
    public int PerMinute { get; set; } = 60;

    /// <summary>Signings one address may make in any hour.</summary>
    public int PerHour { get; set; } = 1000;
}

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// How the site is deployed. <see cref="Instances"/> is how many identical instances share the database
/// behind the proxy (PostgreSQL; SQLite is always one). ASP.NET Core's rate limiter counts per process, so
/// with N instances and the proxy spreading a client's requests over them, a per-client limit would let
/// N times the configured burst through: each instance therefore allows its share (the limit divided by
/// N, rounded up), and the configured figures stay what the whole site allows.
/// </summary>
public sealed class DeploymentOptions
{
    public const string Section = "Deployment";

    /// <summary>How many instances run behind the proxy (1 to 64; default 1).</summary>
    public int Instances { get; set; } = 1;

    /// <summary>One instance's share of a per-client limit: <paramref name="limit"/> / <see cref="Instances"/>, rounded up, at least 1.</summary>
    public int Share(int limit) => Math.Max(1, (int)Math.Ceiling(limit / (double)Math.Max(1, Instances)));
}

namespace ItStopsHere.Web.Pledge;

/// <summary>How the pledge behaves. Bound from the <c>Pledge</c> configuration section.</summary>
public sealed class PledgeOptions
{
    public const string Section = "Pledge";

    /// <summary>The number of signatures the campaign is aiming for, shown as a progress bar.</summary>
    public int Goal { get; set; } = 2000;

    /// <summary>
    /// A post made sooner than this after the form was served is treated as automated and asked to try
    /// again. About the time a person needs to type a name and an email address.
    /// </summary>
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a served form stays valid; after that the person is asked to send it again.</summary>
    public TimeSpan FormLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Pre-moderation: new signatures are held until a moderator approves them. Off by default
    /// (post-moderation: published at once, taken down afterwards if need be).
    /// </summary>
    public bool HoldNewSignatures { get; set; }

    /// <summary>
    /// Base64 key (at least 32 bytes) for the keyed hash of client addresses. When empty, a random key
    /// is generated once and kept in the database (protected with Data Protection).
    /// </summary>
    public string? ClientHashKey { get; set; }

    /// <summary>How many of the newest signatures the site keeps in memory for the feeds.</summary>
    public int FeedSize { get; set; } = 50;

    /// <summary>
    /// Double opt-in: a signature counts and appears only after the signer follows the link in their
    /// email. Off by default; see the README for when to switch it on.
    /// </summary>
    public bool RequireEmailConfirmation { get; set; }

    /// <summary>Days an unconfirmed signature waits for its confirmation before it is deleted.</summary>
    public int UnconfirmedExpiryDays { get; set; } = 7;

    /// <summary>
    /// Emails one address may get in a day because someone signed again with it ("you have already
    /// signed"), so the form cannot be used to flood someone's inbox. Further repeats send nothing.
    /// </summary>
    public int RepeatEmailsPerDay { get; set; } = 3;

    /// <summary>Times a confirmation link is sent again for one unconfirmed signature, in all.</summary>
    public int MaxConfirmationResends { get; set; } = 3;

    public PledgeRateLimitOptions RateLimit { get; set; } = new();

    public SignatureWriterOptions Writer { get; set; } = new();

    public PledgeLiveOptions Live { get; set; } = new();

    public PledgeBenchmarkOptions Benchmark { get; set; } = new();
}

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

public sealed class SignatureWriterOptions
{
    /// <summary>Signatures waiting to be written before new ones are turned away with 503.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most signatures committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1000;
}

public sealed class PledgeLiveOptions
{
    /// <summary>A comment-like heartbeat keeps proxies from closing quiet connections.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Changes arriving faster than this are sent together, so a storm is a few events a second.</summary>
    public TimeSpan MinBroadcastInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Events a slow client may fall behind before it is disconnected (it reconnects and catches up).</summary>
    public int ClientBufferSize { get; set; } = 256;

    /// <summary>Recent events kept so a reconnecting client can catch up from its Last-Event-ID.</summary>
    public int ReplayBufferSize { get; set; } = 1024;

    /// <summary>Newest signatures sent per broadcast; older ones in a storm would scroll off the feed anyway.</summary>
    public int MaxSignaturesPerBroadcast { get; set; } = 20;

    /// <summary>
    /// Open live streams one client (an IPv4 address or an IPv6 /64) may hold. A browser holds one per open
    /// page with a live count; a lecture theatre behind one NAT address holds one per phone. A client over
    /// it gets 503 and the page keeps its server-rendered count. See the README for the sizing.
    /// </summary>
    public int MaxConnectionsPerClient { get; set; } = 500;

    /// <summary>
    /// Open live streams in all. Empty: sized from the process's open-file limit
    /// (<see cref="Infrastructure.OpenFileLimit.DefaultLiveConnections"/>), leaving room for ordinary requests.
    /// </summary>
    public int? MaxConnections { get; set; }

    /// <summary>What a refused stream is told: <c>Retry-After</c> and the SSE <c>retry:</c> field.</summary>
    public TimeSpan RefusedRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>How signatures are stored. Anything but <see cref="Batched"/> is for benchmarks only.</summary>
public enum SignatureStorageMode
{
    /// <summary>Group commit through <c>SignatureWriter</c>: the real thing.</summary>
    Batched,

    /// <summary>Benchmark reference: one EF Core SaveChanges per request.</summary>
    Naive,

    /// <summary>Benchmark reference: validation without storage (the ceiling).</summary>
    Off,
}

public sealed class PledgeBenchmarkOptions
{
    public SignatureStorageMode StorageMode { get; set; } = SignatureStorageMode.Batched;
}

namespace ItStopsHere.Web.Signing;

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
}

using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// A validated signature on its way to the database. Text is already trimmed and normalised. The pledge
/// page builds it from what the signer typed; <see cref="SigningService"/> adds the client hash, the time,
/// the status and the personal link before it is stored. Built by
/// named properties (<c>new NewSignature { Name = ..., Email = ... }</c>); how each one becomes a column
/// is written once, in <see cref="SignatureColumns"/>.
/// </summary>
public sealed record NewSignature
{
    private readonly string _email = "";

    public required SignatoryType Type { get; init; }

    public required string Name { get; init; }

    /// <summary>For individuals only.</summary>
    public Affiliation? Affiliation { get; init; }

    public string? Detail { get; init; }

    /// <summary>As typed (trimmed). Setting it also sets <see cref="NormalizedEmail"/>.</summary>
    public required string Email
    {
        get => _email;
        init
        {
            _email = value;
            NormalizedEmail = NormalizeEmail(value);
        }
    }

    /// <summary>The address's duplicate key (see <see cref="NormalizeEmail"/>), made from <see cref="Email"/>.</summary>
    public string NormalizedEmail { get; private init; } = "";

    public required PledgeActions Actions { get; init; }

    public required NameDisplay NameDisplay { get; init; }

    /// <summary>Keyed hash of the signer's network address (<see cref="ClientHasher"/>); null when unknown.</summary>
    public string? ClientHash { get; init; }

    /// <summary>Published at once, held for a moderator, or waiting for the signer to confirm.</summary>
    public SignatureStatus InitialStatus { get; init; } = SignatureStatus.Published;

    /// <summary>When it was signed: set by <see cref="SigningService"/> (or whoever stores it); never left unset.</summary>
    public DateTimeOffset SignedAt { get; init; }

    /// <summary>
    /// The signer's personal link (to manage or confirm the signature), made on the request's thread so
    /// that its hash goes in with the row and the writer's single thread does not spend time on it.
    /// Null: the writer's follow-up makes one after inserting.
    /// </summary>
    public PersonalLink? Link { get; init; }

    /// <summary>The form of an address that must be unique: see <see cref="ItStopsHere.Web.Email.EmailAddresses.DuplicateKey"/>.</summary>
    public static string NormalizeEmail(string email) => ItStopsHere.Web.Email.EmailAddresses.DuplicateKey(email);

    public SignatureFacts ToFacts(long number) =>
        new(number, Type, Name, NameDisplay, Affiliation, Detail, Actions, SignedAt);
}

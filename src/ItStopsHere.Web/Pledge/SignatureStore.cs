using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Pledge;

/// <summary>A validated signature on its way to the database. Text is already trimmed and normalised.</summary>
public sealed record NewSignature(
    SignatoryType Type,
    string Name,
    Affiliation? Affiliation,
    string? Detail,
    string Email,
    string NormalizedEmail,
    PledgeActions Actions,
    NameDisplay NameDisplay,
    string? ClientHash,
    SignatureStatus InitialStatus,
    DateTimeOffset SignedAt)
{
    /// <summary>The form of an address that must be unique: see <see cref="ItStopsHere.Web.Email.EmailAddresses.DuplicateKey"/>.</summary>
    public static string NormalizeEmail(string email) => ItStopsHere.Web.Email.EmailAddresses.DuplicateKey(email);

    /// <summary>
    /// The signer's personal link (to manage or confirm the signature), made on the request's thread so
    /// that its hash goes in with the row and the writer's single thread does not spend time on it.
    /// Null: the writer's follow-up makes one after inserting.
    /// </summary>
    public PersonalLink? Link { get; init; }

    public SignatureFacts ToFacts(long number) =>
        new(number, Type, Name, NameDisplay, Affiliation, Detail, Actions, SignedAt);
}

/// <summary>A personal link's secret and the hash that is stored for it (see <see cref="Signers.ManageToken"/>).</summary>
public sealed record PersonalLink(string Token, string Hash)
{
    public static PersonalLink Create()
    {
        var (token, hash) = Signers.ManageToken.Create();
        return new PersonalLink(token, hash);
    }

    // The token is a secret: keep it out of anything that prints the record.
    public override string ToString() => nameof(PersonalLink);
}

public enum SignOutcomeKind
{
    /// <summary>Stored (and published, if <see cref="SignOutcome.Number"/> is set).</summary>
    Added,

    /// <summary>The address had already signed; nothing was changed.</summary>
    Duplicate,

    /// <summary>Too many signatures waiting: try again in a moment.</summary>
    Busy,

    /// <summary>The database refused it; try again later.</summary>
    Failed,
}

public readonly record struct SignOutcome(SignOutcomeKind Kind, long? SignatureId = null, long? Number = null, SignatureStatus? Status = null)
{
    public static SignOutcome Duplicate { get; } = new(SignOutcomeKind.Duplicate);

    public static SignOutcome Busy { get; } = new(SignOutcomeKind.Busy);

    public static SignOutcome Failed { get; } = new(SignOutcomeKind.Failed);
}

/// <summary>
/// The storage step of signing. The real one is <see cref="SignatureWriter"/> (group commit); the
/// benchmark references (<see cref="SingleCommitSignatureStore"/>, <see cref="DiscardingSignatureStore"/>)
/// swap in through <c>Pledge:Benchmark:StorageMode</c> and are refused in Production.
/// </summary>
public interface ISignatureStore
{
    /// <summary>Completes once the signature is durable (committed with <c>synchronous=FULL</c>), or was refused.</summary>
    Task<SignOutcome> AddAsync(NewSignature signature, CancellationToken cancellationToken);
}

/// <summary>
/// Decides whether a new signature is published at once or held for a moderator.
/// The default follows <see cref="PledgeOptions.HoldNewSignatures"/>; the admin area can replace it
/// with its auto-hold rules.
/// </summary>
public interface ISignatureScreening
{
    SignatureStatus InitialStatus(NewSignature signature);
}

public sealed class ConfiguredSignatureScreening(Microsoft.Extensions.Options.IOptions<PledgeOptions> options) : ISignatureScreening
{
    public SignatureStatus InitialStatus(NewSignature signature) =>
        options.Value.HoldNewSignatures ? SignatureStatus.Held : SignatureStatus.Published;
}

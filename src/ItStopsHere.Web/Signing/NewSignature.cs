using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

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

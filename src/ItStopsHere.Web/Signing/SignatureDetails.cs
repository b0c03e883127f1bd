using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// What a signer told us, validated and normalised (by the pledge form's validator): the input to
/// <see cref="SigningService.SignAsync"/>. Everything else a stored signature carries (the client hash,
/// the time, the status, the personal link) the signing service adds.
/// </summary>
public sealed record SignatureDetails
{
    public required SignatoryType Type { get; init; }

    public required string Name { get; init; }

    /// <summary>For individuals; null for a team, society or department.</summary>
    public Affiliation? Affiliation { get; init; }

    public string? Detail { get; init; }

    /// <summary>As typed (trimmed and NFC-normalised); the duplicate key is made from it.</summary>
    public required string Email { get; init; }

    public required PledgeActions Actions { get; init; }

    public required NameDisplay NameDisplay { get; init; }
}

using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

public readonly record struct SignOutcome(SignOutcomeKind Kind, long? SignatureId = null, long? Number = null, SignatureStatus? Status = null)
{
    public static SignOutcome Duplicate { get; } = new(SignOutcomeKind.Duplicate);

    public static SignOutcome Busy { get; } = new(SignOutcomeKind.Busy);

    public static SignOutcome Failed { get; } = new(SignOutcomeKind.Failed);
}

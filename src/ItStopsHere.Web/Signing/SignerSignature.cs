using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

/// <summary>A signature found by its personal link, as seen inside a writer transaction.</summary>
public readonly record struct SignerSignature(long Id, SignatureStatus Status, long? Number, string? Email, SignatureFacts Facts);

using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

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

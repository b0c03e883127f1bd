using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// The storage step of signing. The real one is <see cref="SignatureWriter"/> (group commit); the
/// benchmark's references (in <c>Benchmark/</c>) swap in through <c>Pledge:Benchmark:StorageMode</c>,
/// accepted only in the <c>Benchmark</c> environment.
/// </summary>
public interface ISignatureStore
{
    /// <summary>Completes once the signature is durable (committed with <c>synchronous=FULL</c>), or was refused.</summary>
    Task<SignOutcome> AddAsync(NewSignature signature, CancellationToken cancellationToken);
}

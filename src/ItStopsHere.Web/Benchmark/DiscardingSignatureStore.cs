using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Benchmark;

/// <summary>
/// Benchmark reference only (<c>Pledge:Benchmark:StorageMode=Off</c>, accepted only in the
/// <c>Benchmark</c> environment: see <see cref="BenchmarkStorage"/>): the whole
/// signing request, validation included, with storage switched off. The benchmark's ceiling.
/// </summary>
public sealed class DiscardingSignatureStore : ISignatureStore
{
    private long _number;

    public Task<SignOutcome> AddAsync(NewSignature signature, CancellationToken cancellationToken) =>
        Task.FromResult(new SignOutcome(SignOutcomeKind.Added, null, Interlocked.Increment(ref _number), signature.InitialStatus));
}

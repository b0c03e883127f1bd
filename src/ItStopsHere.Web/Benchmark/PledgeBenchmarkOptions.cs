namespace ItStopsHere.Web.Benchmark;

/// <summary>The <c>Pledge:Benchmark</c> section: switches for the benchmark only (see <see cref="BenchmarkStorage"/>).</summary>
public sealed class PledgeBenchmarkOptions
{
    public SignatureStorageMode StorageMode { get; set; } = SignatureStorageMode.Batched;
}

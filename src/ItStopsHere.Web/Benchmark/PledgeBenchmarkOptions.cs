namespace ItStopsHere.Web.Benchmark;

public sealed class PledgeBenchmarkOptions
{
    public SignatureStorageMode StorageMode { get; set; } = SignatureStorageMode.Batched;
}

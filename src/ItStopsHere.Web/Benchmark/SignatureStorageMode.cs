namespace ItStopsHere.Web.Benchmark;

/// <summary>How signatures are stored. Anything but <see cref="Batched"/> is for benchmarks only.</summary>
public enum SignatureStorageMode
{
    /// <summary>Group commit through <c>SignatureWriter</c>: the real thing.</summary>
    Batched,

    /// <summary>Benchmark reference: one EF Core SaveChanges per request.</summary>
    Naive,

    /// <summary>Benchmark reference: validation without storage (the ceiling).</summary>
    Off,
}

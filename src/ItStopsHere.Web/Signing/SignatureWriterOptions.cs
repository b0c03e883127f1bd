namespace ItStopsHere.Web.Signing;

public sealed class SignatureWriterOptions
{
    /// <summary>Signatures waiting to be written before new ones are turned away with 503.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most signatures committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1000;
}

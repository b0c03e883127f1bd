namespace ItStopsHere.Web.Signing;

/// <summary>
/// The <see cref="SignatureWriter"/> could not take a change: its queue is full, it is shutting down, or the
/// database cannot be reached (PostgreSQL dropped its connection before the change was committed).
/// Nothing was changed; the caller should ask the person to try again in a few seconds (a 503 with
/// <c>Retry-After</c>). Thrown by <see cref="SignatureWriter.RunAsync{T}"/>; catch it by type.
/// </summary>
public sealed class WriterBusyException : Exception
{
    public WriterBusyException()
        : base("The signature writer is too busy or shutting down; try again shortly.")
    {
    }

    public WriterBusyException(string message)
        : base(message)
    {
    }

    public WriterBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

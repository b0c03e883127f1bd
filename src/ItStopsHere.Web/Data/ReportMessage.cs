namespace ItStopsHere.Web.Data;

/// <summary>A message between the reporter and the adviser, or a private note; its text is encrypted with the report's key.</summary>
public sealed class ReportMessage
{
    /// <summary>Made before encrypting, so that the ciphertext is bound to it.</summary>
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    public ReportMessageKind Kind { get; set; }

    /// <summary>The staff user id of the adviser who wrote it; null for the reporter.</summary>
    public string? AuthorId { get; set; }

    public byte[] Body { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

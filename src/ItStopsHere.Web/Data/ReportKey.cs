namespace ItStopsHere.Web.Data;

/// <summary>
/// A report's own 256-bit data key, wrapped (AES-GCM) under the key-encryption key, which is never in
/// the database. Deleting this row makes the report's ciphertext unreadable for good (crypto-shredding).
/// </summary>
public sealed class ReportKey
{
    public Guid ReportId { get; set; }

    /// <summary>Which key-encryption key wrapped it (<c>Reporting.KeyEncryptionKey.Id</c>), so a wrong key file is named as such.</summary>
    public string KekId { get; set; } = "";

    /// <summary>Nonce, ciphertext and tag.</summary>
    public byte[] Wrapped { get; set; } = [];
}

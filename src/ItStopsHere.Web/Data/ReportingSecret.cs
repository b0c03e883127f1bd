namespace ItStopsHere.Web.Data;

/// <summary>
/// A server secret the reporting channel keeps in the database wrapped under the key-encryption key
/// (today only the key that hashes access codes), so that rotating the key-encryption key keeps it.
/// </summary>
public sealed class ReportingSecret
{
    public string Name { get; set; } = "";

    public string KekId { get; set; } = "";

    public byte[] Wrapped { get; set; } = [];
}

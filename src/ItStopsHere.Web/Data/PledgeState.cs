using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>
/// The pledge's single row of state: the last public number handed out (so a number is never reused,
/// even after the signature that had it is deleted) and the generated key for client hashes.
/// </summary>
public class PledgeState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastNumber { get; set; }

    /// <summary>The generated HMAC key for client hashes, protected with Data Protection; null until first start.</summary>
    public string? ProtectedClientHashKey { get; set; }
}

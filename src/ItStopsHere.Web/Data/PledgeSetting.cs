using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>
/// One pledge setting changed by an Admin (moderation mode, word list, burst thresholds, goal), stored as
/// text by key. A key with no row falls back to configuration, so a fresh install behaves as configured.
/// </summary>
public class PledgeSetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

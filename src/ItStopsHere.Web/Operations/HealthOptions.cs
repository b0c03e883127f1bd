using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Operations;

/// <summary><c>Health:</c> settings for <c>/health/ready</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>An email due longer ago than this, and still not picked up, means the sender is stuck.</summary>
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(15);
}

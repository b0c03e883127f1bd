using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Operations;

/// <summary>The signature writer is running: started, and its loop has not ended or failed.</summary>
public sealed class SignatureWriterHealthCheck(SignatureWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(writer.ExecuteTask switch
        {
            null => HealthCheckResult.Unhealthy("The signature writer has not started."),
            { IsCompleted: true } => HealthCheckResult.Unhealthy("The signature writer has stopped."),
            _ => HealthCheckResult.Healthy(),
        });
}

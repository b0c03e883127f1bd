using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Claimed by a sender until <see cref="OutboxMessage.LeaseExpiresAt"/>; the SMTP transaction may be under way.</summary>
    Sending,

    /// <summary>Accepted by the mail server (or written to the mail folder). The bodies are gone.</summary>
    Sent,

    /// <summary>Given up on: rejected for good, or still failing after the last attempt. The bodies are gone.</summary>
    Failed,
}

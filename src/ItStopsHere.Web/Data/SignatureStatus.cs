using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>Where a signature stands. Only <see cref="Published"/> signatures are counted or shown.</summary>
public enum SignatureStatus
{
    /// <summary>Counted and shown, with its public number.</summary>
    Published = 1,

    /// <summary>Waiting for a moderator (pre-moderation, or tripped an automatic rule).</summary>
    Held = 2,

    /// <summary>Taken down by a moderator; keeps its number so nobody else is renumbered.</summary>
    Hidden = 3,

    /// <summary>Waiting for the signer to follow the link in their email (double opt-in); never counted or shown.</summary>
    Unconfirmed = 4,
}

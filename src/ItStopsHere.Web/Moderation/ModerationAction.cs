using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Moderation;

/// <summary>What a moderator can do to a signature.</summary>
public enum ModerationAction
{
    Approve,
    Hide,
    Restore,
    Delete,
}

using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Moderation;

/// <summary>Why a signature would be held for a moderator.</summary>
public enum HoldReason
{
    PreModeration,
    HeldWord,
    NameLooksLikeAddress,
    Burst,
}

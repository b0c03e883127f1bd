using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

public enum SignOutcomeKind
{
    /// <summary>Stored (and published, if <see cref="SignOutcome.Number"/> is set).</summary>
    Added,

    /// <summary>The address had already signed; nothing was changed.</summary>
    Duplicate,

    /// <summary>Too many signatures waiting: try again in a moment.</summary>
    Busy,

    /// <summary>The database refused it; try again later.</summary>
    Failed,
}

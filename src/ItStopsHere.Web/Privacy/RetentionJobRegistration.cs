using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

/// <summary>Marks a registered job type; the runner resolves each in a scope of its own.</summary>
public sealed record RetentionJobRegistration(Type JobType);

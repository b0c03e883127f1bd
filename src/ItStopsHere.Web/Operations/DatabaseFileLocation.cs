using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Operations;

/// <summary>The live database file, resolved once from the connection string.</summary>
public sealed record DatabaseFileLocation(string File);

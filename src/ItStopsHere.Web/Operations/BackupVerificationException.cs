using System.Diagnostics;
using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Operations;

/// <summary>Thrown when a copy fails its check; the half-made file has been removed.</summary>
public sealed class BackupVerificationException(string message) : Exception(message);

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ItStopsHere.Web.Operations;

/// <summary>Thrown when a restore is refused; nothing was changed.</summary>
public sealed class RestoreRefusedException(string message) : Exception(message);

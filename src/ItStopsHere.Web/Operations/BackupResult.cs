using System.Diagnostics;
using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Operations;

/// <summary>What a verified backup holds, for the command's output and the log (never personal data).</summary>
public sealed record BackupResult(string File, long Bytes, long Signatures, long StaffAccounts, TimeSpan Duration, IReadOnlyList<string> Deleted);

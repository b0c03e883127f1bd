using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ItStopsHere.Web.Operations;

/// <summary>What a restore did: where the old database went, and what the restored one holds.</summary>
public sealed record RestoreResult(string DatabaseFile, string? PreviousKeptAs, long Signatures, long StaffAccounts);

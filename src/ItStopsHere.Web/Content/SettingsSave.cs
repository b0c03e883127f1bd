using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>The outcome of saving settings: how many changed, or why nothing was saved.</summary>
public sealed record SettingsSave(int Changed, string? Error = null);

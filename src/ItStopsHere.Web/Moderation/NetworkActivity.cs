using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Moderation;

/// <summary>One network's signatures in the last hour, by a short prefix of its keyed hash (never the address).</summary>
public sealed record NetworkActivity(string HashPrefix, int Signatures);

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace ItStopsHere.Web.Accounts;

/// <summary>Per-network limits on the three sign-in forms (<c>Accounts:SignInRateLimit</c>).</summary>
public sealed class StaffSignInRateLimitOptions
{
    /// <summary>Sign-in posts (password, authenticator code or recovery code) one network may make at once.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>Sign-in posts per hour one network may keep up once its burst is spent.</summary>
    public int PerHour { get; set; } = 30;
}

using System.Text;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Accounts;

public sealed record SetPasswordLink(string Url, DateTimeOffset ExpiresAt);

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>What a posted form token says: see <see cref="PledgeFormToken.Read"/>.</summary>
public sealed record FormTokenReading(FormTokenCheck Check, DateTimeOffset? ServedAt, long? Nonce, DateTimeOffset Expires);

using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItStopsHere.Web.Content;

/// <summary>What an Admin may type into a campaign setting.</summary>
public enum CampaignSettingKind
{
    /// <summary>An absolute http or https address.</summary>
    WebAddress,

    /// <summary>An absolute https address.</summary>
    SecureWebAddress,

    EmailAddress,

    Text,
}

using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Moderation;

/// <summary>Defaults for <see cref="ModerationSettings"/>, from the <c>Pledge:Moderation</c> configuration section.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Pledge:Moderation";

    /// <summary>Words that hold a signature for a moderator (whole words, any case), in name or free text.</summary>
    public List<string> HeldWords { get; set; } = [];

    /// <summary>More than this many signatures from one network within <see cref="BurstMinutes"/> are held.</summary>
    public int BurstLimit { get; set; } = 100;

    public int BurstMinutes { get; set; } = 10;
}

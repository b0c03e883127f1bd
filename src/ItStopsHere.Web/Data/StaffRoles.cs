using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>The staff roles. Every staff member has exactly one.</summary>
public static class StaffRoles
{
    /// <summary>Everything: users, content, settings, export, the audit log, and all a Moderator can do.</summary>
    public const string Admin = "Admin";

    /// <summary>Signature moderation and offline pledges.</summary>
    public const string Moderator = "Moderator";

    /// <summary>The words of the campaign's editable pages (and their history), nothing else.</summary>
    public const string Editor = "Editor";

    public static IReadOnlyList<string> All { get; } = [Admin, Moderator, Editor];

    /// <summary>The role's name as written in the UI, or null when <paramref name="value"/> is not a role.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(role => string.Equals(role, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Describe(string role) => role switch
    {
        Admin => "Everything, including users, content, settings, export and the audit log",
        Moderator => "Moderating signatures and recording offline pledges",
        Editor => "Editing and publishing the campaign's pages; not users, settings or signatures",
        _ => role,
    };
}

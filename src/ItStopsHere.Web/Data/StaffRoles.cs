using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>The staff roles. Every staff member has one of <see cref="All"/>; a case role may be added to it (<c>reporting grant</c>).</summary>
public static class StaffRoles
{
    /// <summary>Everything: users, content, settings, export, the audit log, and all a Moderator can do.</summary>
    public const string Admin = "Admin";

    /// <summary>Signature moderation and offline pledges.</summary>
    public const string Moderator = "Moderator";

    /// <summary>The words of the campaign's editable pages (and their history), nothing else.</summary>
    public const string Editor = "Editor";

    /// <summary>Reporting (issue 15): sees the queue of reports with minimal details, assigns and closes cases. No report content.</summary>
    public const string CaseManager = "CaseManager";

    /// <summary>Reporting (issue 15): reads and answers only the cases assigned to them.</summary>
    public const string Adviser = "Adviser";

    public static IReadOnlyList<string> All { get; } = [Admin, Moderator, Editor, CaseManager, Adviser];

    /// <summary>The roles that open the admin home page (<c>/admin</c>).</summary>
    public static IReadOnlyList<string> AdminArea { get; } = [Admin, Moderator, Editor];

    /// <summary>The roles that open <c>/cases</c>. Admins and Moderators see no report unless they also hold one.</summary>
    public static IReadOnlyList<string> CaseRoles { get; } = [CaseManager, Adviser];

    /// <summary>The role's name as written in the UI, or null when <paramref name="value"/> is not a role.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(role => string.Equals(role, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The role's name in words: "Case manager" for <see cref="CaseManager"/>.</summary>
    public static string Label(string role) => role == CaseManager ? "Case manager" : role;

    public static string Describe(string role) => role switch
    {
        Admin => "Everything, including users, content, settings, export and the audit log",
        Moderator => "Moderating signatures and recording offline pledges",
        Editor => "Editing and publishing the campaign's pages; not users, settings or signatures",
        CaseManager => "Reports: the queue of new cases (no content), assigning and closing them",
        Adviser => "Reports: reading and answering the cases assigned to them",
        _ => role,
    };
}

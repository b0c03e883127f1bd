using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItStopsHere.Web.Accounts;

/// <summary>The authorisation policies for the signed-in area.</summary>
public static class StaffPolicies
{
    /// <summary>Any signed-in staff member: Admin, Moderator or Editor.</summary>
    public const string Staff = "Staff";

    /// <summary>Admins and Moderators: the pledge's moderation pages.</summary>
    public const string Moderation = "Moderation";

    /// <summary>Admins and Editors: the editable pages.</summary>
    public const string Content = "Content";

    public const string Admin = "Admin";

    /// <summary>Anyone with a staff account, whatever their role (their own account pages).</summary>
    public const string AnyStaff = "AnyStaff";

    /// <summary>A Case manager or an Adviser: the <c>/cases</c> area (issue 15).</summary>
    public const string Cases = "Cases";
}

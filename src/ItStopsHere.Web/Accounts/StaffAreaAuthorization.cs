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

/// <summary>
/// Who may open which page, decided by where the page file lives, so a new page is protected without
/// anyone remembering an attribute:
/// <list type="bullet">
/// <item>every page under <c>Pages/Admin</c> is Admin-only, except the admin home page (any staff member),
/// the folders in <see cref="ModeratorFolders"/> (Admins and Moderators) and those in
/// <see cref="ContentFolders"/> (Admins and Editors);</item>
/// <item>every page under <c>Pages/Account</c> needs a signed-in staff member, except those in
/// <see cref="AnonymousAccountPages"/> (signing in, and setting a password from a link).</item>
/// </list>
/// </summary>
public static class StaffAreaAuthorization
{
    /// <summary>Folders under <c>Pages/Admin</c> that Moderators may open. Everything else there is Admin-only.</summary>
    public static IReadOnlyList<string> ModeratorFolders { get; } = ["/Admin/Moderation"];

    /// <summary>Folders under <c>Pages/Admin</c> that Editors may open: the editable pages and the policies.</summary>
    public static IReadOnlyList<string> ContentFolders { get; } = ["/Admin/Pages", "/Admin/Policies"];

    public static IReadOnlyList<string> ModeratorPages { get; } = ["/Admin/Index"];

    public static IReadOnlyList<string> AnonymousAccountPages { get; } =
    [
        "/Account/Login",
        "/Account/LoginWithTwoFactor",
        "/Account/LoginWithRecoveryCode",
        "/Account/Logout",
        "/Account/SetPassword",
    ];

    /// <summary>The policy for a page under <c>Pages/Admin</c>, given its view engine path (e.g. <c>/Admin/Users/Index</c>).</summary>
    public static string PolicyForAdminPage(string viewEnginePath) =>
        ModeratorPages.Contains(viewEnginePath, StringComparer.OrdinalIgnoreCase) ? StaffPolicies.Staff
        : InAny(ModeratorFolders, viewEnginePath) ? StaffPolicies.Moderation
        : InAny(ContentFolders, viewEnginePath) ? StaffPolicies.Content
        : StaffPolicies.Admin;

    private static bool InAny(IReadOnlyList<string> folders, string viewEnginePath) =>
        folders.Any(folder => viewEnginePath.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase));

    internal static void AddConventions(PageConventionCollection conventions)
    {
        conventions.AddFolderApplicationModelConvention("/Admin", model =>
        {
            model.EndpointMetadata.Add(new AuthorizeAttribute(PolicyForAdminPage(model.ViewEnginePath)));
            model.Filters.Add(new StaffPageHeaders());
        });

        conventions.AddFolderApplicationModelConvention("/Account", model =>
        {
            if (AnonymousAccountPages.Contains(model.ViewEnginePath, StringComparer.OrdinalIgnoreCase))
            {
                model.EndpointMetadata.Add(new AllowAnonymousAttribute());
            }
            else
            {
                // Any staff role, so an Adviser who is nothing else can still change their password.
                model.EndpointMetadata.Add(new AuthorizeAttribute(StaffPolicies.AnyStaff));
            }

            model.Filters.Add(new StaffPageHeaders());
        });

        // Reports (issue 15): only Case managers and Advisers; what each may see is checked again in the queries.
        conventions.AddFolderApplicationModelConvention("/Cases", model =>
        {
            model.EndpointMetadata.Add(new AuthorizeAttribute(StaffPolicies.Cases));
            model.Filters.Add(new StaffPageHeaders());
        });
    }

    /// <summary>
    /// Staff and sign-in pages are never stored by a browser or proxy (they show personal data and may be
    /// used on a shared computer) and never indexed by search engines.
    /// </summary>
    private sealed class StaffPageHeaders : IResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            headers["X-Robots-Tag"] = "noindex, nofollow";
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}

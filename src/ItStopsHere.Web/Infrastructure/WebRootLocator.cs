using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.FileProviders;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Finds the site's static files. They live in <c>wwwroot/</c> at the repository root (so designers
/// find them without knowing the project layout); a published app carries its own copy beside the DLL.
/// The build turns them into static web assets (the project file links them in as <c>wwwroot</c>
/// content): fingerprinted names and gzip and Brotli copies, served by <c>MapStaticAssets</c>.
/// </summary>
public static class WebRootLocator
{
    public static string Find(string contentRoot, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        var beside = Path.Combine(contentRoot, "wwwroot");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        // Running from source: walk up to the repository root, marked by the solution file.
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ItStopsHere.sln")))
            {
                return Path.Combine(dir.FullName, "wwwroot");
            }
        }

        throw new DirectoryNotFoundException(
            $"No wwwroot folder found beside {contentRoot} or at the repository root. Set 'WebRoot' in configuration.");
    }

    public static WebApplicationBuilder UseRepositoryWebRoot(this WebApplicationBuilder builder)
    {
        var webRoot = Find(builder.Environment.ContentRootPath, builder.Configuration["WebRoot"]);
        builder.Environment.WebRootPath = webRoot;
        builder.Environment.WebRootFileProvider = new PhysicalFileProvider(webRoot);
        // Running from a build rather than a publish, the compressed copies are in obj/, listed by the
        // build's runtime manifest. ASP.NET Core adds that manifest's files only in Development (and the
        // line above replaced them); add them in every environment, so the tests and a Production-mode
        // run from source serve exactly what a published app serves. A published app has no such
        // manifest (its wwwroot holds the compressed files), and then this does nothing.
        StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        return builder;
    }
}

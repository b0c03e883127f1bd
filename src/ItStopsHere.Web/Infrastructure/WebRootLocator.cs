using Microsoft.Extensions.FileProviders;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Finds the site's static files. They live in <c>wwwroot/</c> at the repository root (so designers
/// find them without knowing the project layout); a published app carries its own copy beside the DLL.
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
        return builder;
    }
}

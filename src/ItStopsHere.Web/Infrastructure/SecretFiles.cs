using Microsoft.Extensions.Configuration.KeyPerFile;
using Microsoft.Extensions.FileProviders;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Secrets come from the environment or from files, never from appsettings.json. The files are a folder
/// with one file per secret, named by its setting with <c>__</c> for <c>:</c> (<c>Email__Password</c> holds
/// <c>Email:Password</c>; one trailing newline is ignored). The folder is systemd's private credentials
/// folder (<c>$CREDENTIALS_DIRECTORY</c>, filled by <c>LoadCredential=</c> in the unit), or
/// <c>Secrets:Directory</c> elsewhere. A file read this way wins over an environment variable.
/// </summary>
public static class SecretFiles
{
    public const string DirectoryKey = "Secrets:Directory";

    /// <summary>The folder systemd hands a service its credentials in.</summary>
    public const string CredentialsDirectoryVariable = "CREDENTIALS_DIRECTORY";

    public static WebApplicationBuilder AddSecretFiles(this WebApplicationBuilder builder)
    {
        var folder = builder.Configuration[DirectoryKey];
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = Environment.GetEnvironmentVariable(CredentialsDirectoryVariable);
        }

        if (string.IsNullOrWhiteSpace(folder))
        {
            return builder;
        }

        folder = Path.GetFullPath(folder, builder.Environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{DirectoryKey}: the secrets folder {folder} does not exist.");
        }

        builder.Configuration.Add<KeyPerFileConfigurationSource>(source =>
        {
            source.FileProvider = new PhysicalFileProvider(folder);
            source.Optional = false;
            source.ReloadOnChange = false;
            // A file whose name has a dot is not a setting but a file a setting points to, such as
            // dataprotection.pfx (DataProtection:CertificatePath): don't read it as text.
            source.IgnoreCondition = name => name.Contains('.', StringComparison.Ordinal);
        });
        return builder;
    }
}

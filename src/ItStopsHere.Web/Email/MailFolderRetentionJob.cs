using ItStopsHere.Web.Data;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

/// <summary>
/// Deletes <c>.eml</c> files written to the mail folder (when no SMTP server is configured) after
/// <see cref="PrivacyOptions.SentEmailRetentionDays"/>: they hold addresses and personal links.
/// Only <c>.eml</c> files (and unfinished <c>.eml.tmp</c> ones) directly in that folder are touched.
/// </summary>
public sealed class MailFolderRetentionJob(IOptions<EmailOptions> email, IOptions<PrivacyOptions> privacy, IHostEnvironment environment) : IRetentionJob
{
    public string Name => "email-folder";

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(EmailServices.MailFolder(email.Value, environment));
        if (!folder.Exists)
        {
            return Task.FromResult(0);
        }

        var before = now.AddDays(-privacy.Value.SentEmailRetentionDays).UtcDateTime;
        var deleted = 0;
        // "*.eml.tmp" is a file a crash interrupted while it was being written.
        var files = folder.EnumerateFiles("*.eml", SearchOption.TopDirectoryOnly)
            .Concat(folder.EnumerateFiles("*.eml.tmp", SearchOption.TopDirectoryOnly));
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc < before)
            {
                file.Delete();
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }
}

using ItStopsHere.Web.Data;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

/// <summary>
/// Deletes <c>.eml</c> files written to the mail folder (when no SMTP server is configured) after
/// <see cref="PrivacyOptions.SentEmailRetentionDays"/>: they hold addresses and personal links.
/// Only <c>.eml</c> files (and unfinished <c>.eml.tmp</c> ones) directly in that folder are touched.
/// The folder is on this server's disk, so with several instances each server cleans its own: the job's lock
/// (<see cref="LockName"/>) names this machine and folder, and an instance elsewhere running its own folder's
/// job never makes this one skip.
/// </summary>
public sealed class MailFolderRetentionJob(IOptions<EmailOptions> email, IOptions<PrivacyOptions> privacy, IHostEnvironment environment) : IRetentionJob
{
    public string Name => "email-folder";

    /// <summary>"retention:email-folder:" with this machine's name and the folder's full path.</summary>
    public string LockName => $"{JobLock.ForRetentionJob(Name)}:{Environment.MachineName}:{Path.GetFullPath(Folder)}";

    private string Folder => EmailServices.MailFolder(email.Value, environment);

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(Folder);
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

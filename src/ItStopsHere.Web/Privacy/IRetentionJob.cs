using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

/// <summary>
/// One kind of personal data deleted when its time is up. Jobs run once a day (<see cref="RetentionService"/>)
/// and on demand (<see cref="RetentionRunner"/>, for the CLI's <c>retention run</c>). A job must be safe to
/// run at any time and any number of times, and delete exactly what the privacy notice says, by the
/// numbers in <see cref="PrivacyOptions"/>. Register one with <see cref="RetentionServices.AddRetentionJob{TJob}"/>;
/// it is resolved in its own scope, so it may take the <c>AppDbContext</c>. With several instances, a run may
/// skip a job that another instance is running at that moment (<see cref="LockName"/>).
/// </summary>
public interface IRetentionJob
{
    /// <summary>A short name for logs and the CLI, e.g. "sent-email".</summary>
    string Name { get; }

    /// <summary>
    /// The job lock it runs under (<see cref="Data.JobLock"/>): by default "retention:" and its <see cref="Name"/>,
    /// one for the whole site, so of several instances on one PostgreSQL database one at a time runs it. A job
    /// whose data is the server's own (files on its disk) names its own resource too, so every server still
    /// does its own (<see cref="Email.MailFolderRetentionJob"/>).
    /// </summary>
    string LockName => Data.JobLock.ForRetentionJob(Name);

    /// <summary>Deletes what is due at <paramref name="now"/>; returns how many items went.</summary>
    Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

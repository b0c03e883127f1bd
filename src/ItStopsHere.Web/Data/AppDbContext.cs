using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Email;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Data;

/// <summary>
/// The one model of the site's data, which every feature injects. On SQLite (the default) it is this
/// class; on PostgreSQL the service is a <see cref="PostgreSqlAppDbContext"/>, the same model with its own
/// migration set (<c>Data/Migrations/PostgreSql</c>), built from the same options (see <see cref="DatabaseServices"/>).
/// </summary>
public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Keys that protect antiforgery tokens and sign-in cookies. Kept in the database so that a restart
    /// (or a second instance) does not invalidate every open form and session.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Myth> Myths => Set<Myth>();

    public DbSet<NewsItem> NewsItems => Set<NewsItem>();

    public DbSet<SeedMarker> SeedMarkers => Set<SeedMarker>();

    /// <summary>The campaign pages the team edits; their words are in <see cref="ContentVersions"/>.</summary>
    public DbSet<ContentPage> ContentPages => Set<ContentPage>();

    /// <summary>Drafts, scheduled and published versions of <see cref="ContentPages"/>; published ones are never changed.</summary>
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();

    /// <summary>Campaign settings changed at <c>/admin/settings</c>; read through <c>CampaignSettingsStore</c>.</summary>
    public DbSet<CampaignSetting> CampaignSettings => Set<CampaignSetting>();
    /// <summary>The append-only record of staff actions; add entries through <c>AuditLog</c>.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditLogSchema.RefuseChanges(ChangeTracker);
        ContentVersionSchema.RefuseChanges(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AuditLogSchema.RefuseChanges(ChangeTracker);
        ContentVersionSchema.RefuseChanges(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
    /// <summary>Emails waiting to be sent, and short-lived records of those sent (see <see cref="EmailOutbox"/>).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    /// <summary>Pledge signatures. Written only through <c>SignatureWriter</c>.</summary>
    public DbSet<Signature> Signatures => Set<Signature>();

    public DbSet<PledgeState> PledgeStates => Set<PledgeState>();

    /// <summary>Reports made at /report (issue 15); written only through <c>Reporting.ReportStore</c> and <c>Reporting.CaseDesk</c>.</summary>
    public DbSet<Report> Reports => Set<Report>();

    public DbSet<ReportKey> ReportKeys => Set<ReportKey>();

    public DbSet<ReportMessage> ReportMessages => Set<ReportMessage>();

    public DbSet<ReportingSecret> ReportingSecrets => Set<ReportingSecret>();

    /// <summary>Coarse facts of reports deleted by retention, for statistics (issue 15).</summary>
    public DbSet<RetainedReportFacts> RetainedReportFacts => Set<RetainedReportFacts>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

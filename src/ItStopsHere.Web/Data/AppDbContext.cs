using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Keys that protect antiforgery tokens and sign-in cookies. Kept in the database so that a restart
    /// (or a second instance) does not invalidate every open form and session.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Pledge signatures. Written only through <c>SignatureWriter</c>.</summary>
    public DbSet<Signature> Signatures => Set<Signature>();

    public DbSet<PledgeState> PledgeStates => Set<PledgeState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

public sealed class PledgeStateConfiguration : IEntityTypeConfiguration<PledgeState>
{
    public void Configure(EntityTypeBuilder<PledgeState> builder)
    {
        builder.ToTable("PledgeState");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new PledgeState { Id = PledgeState.SingletonId, LastNumber = 0 });
    }
}

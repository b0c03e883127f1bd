using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

/// <summary>A common myth about sexual violence, the facts that answer it and where those facts come from.</summary>
public class Myth
{
    public int Id { get; set; }

    /// <summary>The myth as people say it, without the "Myth:" prefix (the page adds that).</summary>
    public string Statement { get; set; } = "";

    /// <summary>The facts that answer the myth, in plain text; blank lines separate paragraphs.</summary>
    public string Answer { get; set; } = "";

    /// <summary>Who says so: the research, law or organisation behind the answer.</summary>
    public string Source { get; set; } = "";

    public string? SourceUrl { get; set; }

    /// <summary>Position on the myth-busters page, lowest first.</summary>
    public int SortOrder { get; set; }

    /// <summary>Kept, but not shown on the site (an Admin hid it, e.g. while its source is checked).</summary>
    public bool IsHidden { get; set; }
}

public sealed class MythConfiguration : IEntityTypeConfiguration<Myth>
{
    public void Configure(EntityTypeBuilder<Myth> builder)
    {
        builder.Property(m => m.Statement).HasMaxLength(300);
        builder.Property(m => m.Answer).HasMaxLength(4000);
        builder.Property(m => m.Source).HasMaxLength(1000);
        builder.Property(m => m.SourceUrl).HasMaxLength(2000);
        builder.HasIndex(m => m.SortOrder);
    }
}

/// <summary>The queries the myth-busters page and the admin list share, so they agree on the order.</summary>
public static class MythQueries
{
    public static IQueryable<Myth> InOrder(this IQueryable<Myth> myths) =>
        myths.OrderBy(m => m.SortOrder).ThenBy(m => m.Id);

    /// <summary>The myths the public page shows.</summary>
    public static IQueryable<Myth> Shown(this IQueryable<Myth> myths) =>
        myths.Where(m => !m.IsHidden);
}

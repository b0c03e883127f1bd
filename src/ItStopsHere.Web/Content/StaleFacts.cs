using ItStopsHere.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Content;

/// <summary>
/// Which of the site's checked facts (the help lines on <c>/help</c>, the figures on <c>/impact</c>) were
/// last checked longer ago than <see cref="ContentPageOptions.StaleFactMonths"/>: the staff dashboard
/// lists them, with links to the forms where they are checked again.
/// </summary>
public sealed class StaleFacts(ContentPageStore store, IOptions<ContentPageOptions> options, TimeProvider clock)
{
    public int Months => options.Value.StaleFactMonths;

    /// <summary>Checked before this day (London date) means due for checking.</summary>
    public DateOnly Cutoff => DateOnly.FromDateTime(UkFormat.ToLondon(clock.GetUtcNow()).DateTime).AddMonths(-Months);

    public bool IsStale(DateOnly checkedOn) => checkedOn < Cutoff;

    public async Task<IReadOnlyList<StaleFact>> FindAsync(CancellationToken cancellationToken = default)
    {
        var stale = new List<StaleFact>();
        var help = await store.CurrentAsync("help", cancellationToken);
        stale.AddRange(PageFacts.Parse(help?.Facts).HelpLines
            .Where(l => IsStale(l.CheckedOn))
            .Select(l => new StaleFact("/help", $"Help line: {l.Name}", l.CheckedOn, $"/admin/help-lines/edit/{l.Key}")));
        var impact = await store.CurrentAsync("impact", cancellationToken);
        stale.AddRange(PageFacts.Parse(impact?.Facts).Figures
            .Where(f => IsStale(f.CheckedOn))
            .Select(f => new StaleFact("/impact", $"Figure: {f.Figure} {f.Statement}", f.CheckedOn, $"/admin/impact-figures/edit/{f.Key}")));
        return [.. stale.OrderBy(f => f.CheckedOn)];
    }
}

using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Report;

/// <summary>
/// <c>/report/summary</c>: the public yearly summary, only when <c>Reporting:PublicSummary</c> is on (404
/// otherwise). Every count is shown through <see cref="SmallNumbers"/>: below 5 as "fewer than 5", the rest
/// (totals included) rounded to the nearest 5, so no small group can be worked out by subtraction.
/// </summary>
public class SummaryModel(IOptions<ReportingOptions> options, ReportStatistics statistics, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public int ShownYear { get; private set; }

    public bool YearSoFar { get; private set; }

    public ReportFigures Figures { get; private set; } = null!;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || !options.Value.PublicSummary)
        {
            return NotFound();
        }

        var thisYear = UkFormat.ToLondon(clock.GetUtcNow()).Year;
        Years = await statistics.YearsAsync(cancellationToken);
        ShownYear = Year ?? thisYear;
        if (ShownYear != thisYear && !Years.Contains(ShownYear))
        {
            return NotFound();
        }

        YearSoFar = ShownYear == thisYear;
        Figures = await statistics.FiguresAsync(ShownYear, cancellationToken);
        return Page();
    }
}

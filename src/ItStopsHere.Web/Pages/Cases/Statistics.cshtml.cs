using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Cases;

/// <summary>
/// <c>/cases/statistics</c>: exact counts for Case managers (by route, form of harassment, place and month,
/// and the median time to a first reply), for one year or all time, from the readable coarse facts only;
/// no report is decrypted. Advisers who are not Case managers get 404, as for a case not theirs.
/// </summary>
public class StatisticsModel(ReportStatistics statistics, TimeProvider clock) : PageModel
{
    /// <summary>The year to show (London time), or all time when not given.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public ReportFigures Figures { get; private set; } = null!;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!CaseViewers.Of(User).IsCaseManager)
        {
            return NotFound();
        }

        Years = await statistics.YearsAsync(cancellationToken);
        var thisYear = UkFormat.ToLondon(clock.GetUtcNow()).Year;
        if (Year is { } year && (year < 2000 || year > thisYear))
        {
            return NotFound();
        }

        Figures = await statistics.FiguresAsync(Year, cancellationToken);
        return Page();
    }
}

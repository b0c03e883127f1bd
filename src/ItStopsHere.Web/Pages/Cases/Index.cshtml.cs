using ItStopsHere.Web.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Cases;

/// <summary><c>/cases</c>: a Case manager's queue (every case, minimal details) or an Adviser's own cases.</summary>
public class IndexModel(CaseDesk desk, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CaseSummary> Cases { get; private set; } = [];

    public CaseViewer Viewer { get; private set; } = new("", false, false);

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Viewer = CaseViewers.Of(User);
        Now = clock.GetUtcNow();
        Cases = await desk.QueueAsync(Viewer, cancellationToken);
    }
}

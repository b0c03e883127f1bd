using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Policies;

/// <summary>Every policy (published or still a draft), with its dates; Admins and Editors add and edit them.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(string Slug, ContentVersion? Current, ContentVersion? Draft, bool ReviewDue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(Infrastructure.UkFormat.ToLondon(now).DateTime);
        var pages = await db.ContentPages.AsNoTracking().Include(p => p.Versions)
            .Where(p => p.Kind == ContentPageKinds.Policy).ToListAsync(cancellationToken);
        Rows = pages.Select(p =>
            {
                var current = p.Versions.Where(v => v.Number is not null && v.PublishedAt <= now && v.State != ContentVersionState.Draft).MaxBy(v => v.Number);
                return new Row(p.Slug, current, p.Versions.FirstOrDefault(v => v.State == ContentVersionState.Draft),
                    current?.NextReviewDueOn is { } due && due <= today);
            })
            .OrderBy(r => (r.Current ?? r.Draft)?.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}

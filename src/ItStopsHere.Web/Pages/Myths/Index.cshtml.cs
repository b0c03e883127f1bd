using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Myths;

public class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Myth> Myths { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Myths = await db.Myths.AsNoTracking().Shown().InOrder().ToListAsync(cancellationToken);

    /// <summary>An answer's paragraphs: the campaign team separates them with a blank line.</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

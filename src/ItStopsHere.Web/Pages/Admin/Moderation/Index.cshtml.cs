using ItStopsHere.Web.Data;
using ItStopsHere.Web.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Moderation;

/// <summary>The queue: held signatures, oldest first is how they arrived, shown newest first with why each was held.</summary>
public class IndexModel(AppDbContext db, PledgeSettingsStore settings) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "before")]
    public long? Before { get; set; }

    public IReadOnlyList<SignatureRow> Rows { get; private set; } = [];

    public long HeldCount { get; private set; }

    public long? OlderThan { get; private set; }

    public ModerationSettings Settings => settings.Current;

    public string Caption => Before is null ? "Held signatures, newest first" : "Older held signatures";

    public string ReturnUrl => Before is null ? "/admin/moderation" : $"/admin/moderation?before={Before}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var held = db.Signatures.AsNoTracking().Where(s => s.Status == SignatureStatus.Held);
        HeldCount = await held.LongCountAsync(cancellationToken);
        var rows = await SignatureSearch.Page(db, new SignatureFilter { Status = "held" }, Before, PageSize).ToListAsync(cancellationToken);
        OlderThan = rows.Count > PageSize ? rows[PageSize - 1].Id : null;
        Rows = rows.Take(PageSize).ToList();
    }

    /// <summary>The text rules a held signature trips; burst and pre-moderation leave no trace on the row itself.</summary>
    public IReadOnlyList<string> ReasonsFor(SignatureRow row) =>
        ModerationScreening.ContentReasons(row.Name, row.Detail, Settings.HeldWords).Select(ModerationScreening.Describe).ToList();
}

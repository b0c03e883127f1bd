using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>
/// Every published signature, newest first, in pages found by number (keyset paging: as fast on the
/// thousandth page as on the first), optionally only one kind of signatory.
/// </summary>
public class SignaturesModel(AppDbContext db, PledgeFeed feed) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<PublicSignature> Signatures { get; private set; } = [];

    public SignatoryType? Type { get; private set; }

    public string TypeKey => Type is { } t ? SignatureDisplay.TypeKey(t) : "";

    public long Count => Type is { } t ? feed.Current.ByType.GetValueOrDefault(t) : feed.Current.Count;

    public long? NewerThan { get; private set; }

    public long? OlderThan { get; private set; }

    public static IReadOnlyList<(string Key, string Label)> Filters { get; } =
    [
        ("", "Everyone"),
        ("individual", "Individuals"),
        ("team", "Teams"),
        ("society", "Societies"),
        ("department", "Departments"),
    ];

    public async Task OnGetAsync(string? type, string? before, string? after, CancellationToken cancellationToken)
    {
        Type = SignatureDisplay.ParseTypeKey(type);
        var beforeNumber = ParseNumber(before);
        var afterNumber = beforeNumber is null ? ParseNumber(after) : null;

        var published = db.Signatures.AsNoTracking().Where(s => s.Status == SignatureStatus.Published && s.Number != null);
        if (Type is { } only)
        {
            published = published.Where(s => s.SignatoryType == only);
        }

        var page = afterNumber is { } a
            ? published.Where(s => s.Number > a).OrderBy(s => s.Number)
            : beforeNumber is { } b
                ? published.Where(s => s.Number < b).OrderByDescending(s => s.Number)
                : published.OrderByDescending(s => s.Number);

        var rows = await page
            .Take(PageSize + 1)
            .Select(s => new SignatureFacts(s.Number!.Value, s.SignatoryType, s.Name, s.NameDisplay, s.Affiliation, s.Detail, s.Actions, s.SignedAt))
            .ToListAsync(cancellationToken);

        var more = rows.Count > PageSize;
        rows = rows.Take(PageSize).OrderByDescending(r => r.Number).ToList();
        Signatures = rows.Select(r => r.ToPublic()).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var newest = rows[0].Number;
        var oldest = rows[^1].Number;
        var hasOlder = afterNumber is null ? more : await published.AnyAsync(s => s.Number < oldest, cancellationToken);
        var hasNewer = afterNumber is not null ? more : beforeNumber is not null && await published.AnyAsync(s => s.Number > newest, cancellationToken);
        OlderThan = hasOlder ? oldest : null;
        NewerThan = hasNewer ? newest : null;
    }

    public string PageLink(string direction, long number)
    {
        var query = $"?{direction}={number.ToString(CultureInfo.InvariantCulture)}";
        return "/pledge/signatures" + query + (Type is null ? "" : "&type=" + TypeKey);
    }

    private static long? ParseNumber(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
}

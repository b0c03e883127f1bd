using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Moderation;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Moderation;

/// <summary>
/// Every signature, filtered by status, type, action, date and text, newest first, keyset-paged by id
/// (signatures older than the last one shown), so the hundredth page costs what the first does.
/// </summary>
public class SignaturesModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "before")]
    public long? Before { get; set; }

    public SignatureFilter Filter { get; private set; } = new();

    public IReadOnlyList<SignatureRow> Rows { get; private set; } = [];

    public long? OlderThan { get; private set; }

    public bool IsAdmin => User.IsInRole(StaffRoles.Admin);

    public string ReturnUrl => PageLink(Before);

    public string Caption => Before is null ? "Signatures, newest first" : "Older signatures";

    public string ExportLink => "/admin/signatures-export" + Query(Filter.ToQuery().Prepend(new("handler", "csv")));

    public async Task<IActionResult> OnGetAsync(string? status, string? type, string? action, string? from, string? to, string? q, CancellationToken cancellationToken)
    {
        Filter = new SignatureFilter { Status = status, Type = type, Action = action, From = from, To = to, Q = q };
        if (!Validate(Filter, ModelState))
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var rows = await SignatureSearch.Page(db, Filter, Before, PageSize).ToListAsync(cancellationToken);
        OlderThan = rows.Count > PageSize ? rows[PageSize - 1].Id : null;
        Rows = rows.Take(PageSize).ToList();
        return Page();
    }

    public string PageLink(long? before)
    {
        var query = Filter.ToQuery().ToList();
        if (before is { } b)
        {
            query.Add(new("before", b.ToString(CultureInfo.InvariantCulture)));
        }

        return "/admin/moderation/signatures" + Query(query);
    }

    /// <summary>Dates must be dates and in order; the rest of the filters ignore values they do not know.</summary>
    public static bool Validate(SignatureFilter filter, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        var (fromDate, fromError) = SignatureFilter.ParseDate(filter.From, "from");
        var (toDate, toError) = SignatureFilter.ParseDate(filter.To, "to");
        if (fromError is not null)
        {
            modelState.AddModelError("from", fromError);
        }

        if (toError is not null)
        {
            modelState.AddModelError("to", toError);
        }

        if (fromDate is not null && toDate is not null && toDate < fromDate)
        {
            modelState.AddModelError("to", "The 'to' date must be the same as or after the 'from' date");
        }

        if (filter.Q is { Length: > 100 })
        {
            modelState.AddModelError("q", "Search for 100 characters or fewer");
        }

        return modelState.IsValid;
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> values)
    {
        var builder = new QueryBuilder(values);
        return builder.ToQueryString().Value ?? "";
    }
}

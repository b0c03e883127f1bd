using System.Globalization;
using CsvHelper;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Moderation;
using ItStopsHere.Web.Pages.Admin.Moderation;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin;

/// <summary>
/// CSV of signatures for Admins, filtered like the moderation list, streamed row by row so a large export
/// never sits in memory. The export is audited (who, when, which filters) before the first byte is sent.
/// It leaves out email addresses: the privacy notice promises that admins cannot browse a list of
/// addresses, and nothing the campaign does with an export (counting, thanking groups, reporting)
/// needs them. Cells that a spreadsheet would run as a formula are escaped with a leading apostrophe.
/// </summary>
public class SignatureExportModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public static IReadOnlyList<string> Columns { get; } = [.. SignatureColumns.CsvColumns.Select(c => c.Header)];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetCsvAsync(string? status, string? type, string? action, string? from, string? to, string? q, CancellationToken cancellationToken)
    {
        var filter = new SignatureFilter { Status = status, Type = type, Action = action, From = from, To = to, Q = q };
        if (!SignaturesModel.Validate(filter, ModelState))
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var described = string.Join(", ", filter.ToQuery().Select(p => $"{p.Key}={p.Value}"));
        await audit.RecordAsync(AuditActions.SignaturesExported, "Signature", null,
            described.Length == 0 ? "All signatures, without email addresses" : $"Filters: {described}; without email addresses", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var rows = SignatureSearch.Apply(db, filter)
            .OrderByDescending(s => s.Id)
            .Select(SignatureColumns.Exported)
            .AsAsyncEnumerable();
        var fileName = $"signatures-{UkFormat.ToLondon(clock.GetUtcNow()):yyyy-MM-dd-HHmm}.csv";

        return new CsvStreamResult(fileName, async (csv, token) =>
        {
            await csv.WriteRecordAsync([.. Columns], token);
            await foreach (var s in rows.WithCancellation(token))
            {
                await csv.WriteRecordAsync([.. SignatureColumns.CsvColumns.Select(c => c.Cell(s))], token);
            }
        });
    }
}

/// <summary>Streams a CSV file written by <paramref name="write"/>, with formula injection escaped.</summary>
public sealed class CsvStreamResult(string fileName, Func<CsvWriter, CancellationToken, Task> write) : IActionResult
{
    public static CsvWriterOptions Options { get; } = new()
    {
        Injection = CsvInjection.Escape,
        // Excel opens a UTF-8 file without a byte order mark as the local code page and garbles names like "Zoë".
        WriteByteOrderMark = true,
    };

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
        var token = context.HttpContext.RequestAborted;
        await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        await write(csv, token);
        await csv.FlushAsync(token);
    }
}

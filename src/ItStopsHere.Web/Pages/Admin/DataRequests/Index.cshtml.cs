using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.AspNetCore;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.DataRequests;

public class DataRequestInput
{
    public string? Email { get; set; }
}

public class DataRequestInputValidator : AbstractValidator<DataRequestInput>
{
    public DataRequestInputValidator() =>
        RuleFor(i => i.Email)
            .NotEmpty().WithMessage("Enter the email address the person signed with")
            .MaximumLength(254).WithMessage("An email address is 254 characters or fewer")
            .Must(EmailAddresses.IsValid).When(i => !string.IsNullOrWhiteSpace(i.Email), ApplyConditionTo.CurrentValidator)
            .WithMessage("Enter the whole email address, like name@example.ac.uk: only an exact match finds a signature");
}

/// <summary>
/// Answering a data-subject request (Admins only, by the /admin folder convention): find what the site
/// holds about one email address, by exact normalised match only (no partial search, no list of
/// addresses), then export it as JSON or erase it after a confirmation step. Every look-up, export and
/// erasure is audited by signature id; the address itself never goes in the audit log or the logs.
/// The address travels in POST bodies only, never in a URL.
/// </summary>
public class IndexModel(
    AppDbContext db,
    SignatureWriter writer,
    AuditLog audit,
    IValidator<DataRequestInput> validator,
    TimeProvider clock,
    ILogger<IndexModel> logger) : PageModel
{
    private static readonly JsonSerializerOptions ExportJson = new() { WriteIndented = true };

    [BindProperty]
    public DataRequestInput Input { get; set; } = new();

    /// <summary>True once a search has run (so "nothing found" can be said).</summary>
    public bool Searched { get; private set; }

    public bool ConfirmingErase { get; private set; }

    public Signature? Signature { get; private set; }

    public IReadOnlyList<OutboxMessage> Emails { get; private set; } = [];

    public bool FoundAnything => Signature is not null || Emails.Count > 0;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostFindAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return Invalid();
        }

        await audit.RecordAsync(AuditActions.SignerLookedUp, "Signature", RecordId, FoundAnything ? "Found" : "No match", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return Invalid();
        }

        if (!FoundAnything)
        {
            return Page();
        }

        var export = new
        {
            exportedAt = clock.GetUtcNow(),
            note = "Everything this site holds about this email address. Email texts are not included: they are deleted once sent, and any still waiting hold a personal link that only the signer should have.",
            signature = Signature is { } s ? SignatureColumns.PersonalData(s) : null,
            emails = Emails.Select(m => new
            {
                kind = m.Kind,
                to = m.ToAddress,
                toName = m.ToName,
                subject = m.Subject,
                status = m.Status.ToString(),
                createdAt = m.CreatedAt,
                sentAt = m.SentAt,
                failedAt = m.FailedAt,
                textStillStored = m.TextBody is not null || m.TemplateData is not null,
            }).ToList(),
        };

        await audit.RecordAsync(AuditActions.SignerDataExported, "Signature", RecordId, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        var name = Signature is { } found ? $"signer-data-{found.Id.ToString(CultureInfo.InvariantCulture)}.json" : "signer-data.json";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, ExportJson), "application/json", name);
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return Invalid();
        }

        ConfirmingErase = FoundAnything;
        return Page();
    }

    public async Task<IActionResult> OnPostEraseConfirmedAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return Invalid();
        }

        if (!FoundAnything)
        {
            return Page();
        }

        var recordId = RecordId;
        if (Signature is { } signature)
        {
            // Through the writer, so the count and live feeds drop it at once.
            await writer.RunAsync(tx => SignerChanges.EraseWithEmails(tx, signature.Id), cancellationToken);
        }

        var emails = await db.EraseRecipientAsync(Input.Email!, cancellationToken);
        await audit.RecordAsync(AuditActions.SignerDataErased, "Signature", recordId,
            Signature is null ? $"No signature; {emails} email record(s)" : "Signature and its email records", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Data-subject erasure: signature {SignatureId} and email records erased", recordId ?? "none");
        TempData["Status"] = Signature is null
            ? "Erased: the email records for that address have been deleted."
            : $"Erased: signature {recordId} and every email record for that address have been deleted.";
        return RedirectToPage();
    }

    private string? RecordId => Signature?.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Validates the address and loads what is held for it; false when the address is not usable.</summary>
    private async Task<bool> FindAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Input.Email = Input.Email?.Trim();
        var result = await validator.ValidateAsync(Input, cancellationToken);
        if (!result.IsValid)
        {
            result.AddToModelState(ModelState, nameof(Input));
            return false;
        }

        Searched = true;
        var normalized = NewSignature.NormalizeEmail(Input.Email!);
        Signature = await db.Signatures.AsNoTracking().SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
        var emails = await db.FindForRecipientAsync(Input.Email!, cancellationToken);
        if (Signature is { } s)
        {
            var reference = SignerEmails.Reference(s.Id);
            var about = await db.OutboxMessages.AsNoTracking().Where(m => m.Reference == reference).ToListAsync(cancellationToken);
            emails = emails.UnionBy(about, m => m.Id).OrderBy(m => m.Id).ToList();
        }

        Emails = emails;
        return true;
    }

    private PageResult Invalid()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}

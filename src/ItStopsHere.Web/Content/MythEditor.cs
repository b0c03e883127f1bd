using System.Globalization;
using FluentValidation;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>
/// What Admins do to myths. Each change is saved with its audit entry in one save; the public
/// myth-busters page reads the database, so it shows the change on its next view.
/// </summary>
public sealed class MythEditor(AppDbContext db, AuditLog audit, ILogger<MythEditor> logger)
{
    public const string RecordType = "Myth";

    /// <summary>Adds a myth at the end of the list, shown on the site.</summary>
    public async Task<Myth> AddAsync(MythDraft draft, CancellationToken cancellationToken = default)
    {
        var last = await db.Myths.MaxAsync(m => (int?)m.SortOrder, cancellationToken) ?? 0;
        var myth = new Myth { SortOrder = last + 1 };
        draft.ApplyTo(myth);
        db.Myths.Add(myth);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Saved first, to learn the new myth's id for its audit entry.
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.MythAdded, RecordType, Id(myth), $"“{myth.Statement}”", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Myth {MythId} added", myth.Id);
        return myth;
    }

    /// <summary>Saves the form onto <paramref name="myth"/>; false if nothing changed.</summary>
    public async Task<bool> UpdateAsync(Myth myth, MythDraft draft, CancellationToken cancellationToken = default)
    {
        var before = (myth.Statement, myth.Answer, myth.Source, myth.SourceUrl);
        draft.ApplyTo(myth);
        var changed = new List<string>();
        if (before.Statement != myth.Statement)
        {
            changed.Add("myth");
        }

        if (before.Answer != myth.Answer)
        {
            changed.Add("answer");
        }

        if (before.Source != myth.Source)
        {
            changed.Add("source");
        }

        if (before.SourceUrl != myth.SourceUrl)
        {
            changed.Add("source link");
        }

        if (changed.Count == 0)
        {
            return false;
        }

        await audit.RecordAsync(AuditActions.MythUpdated, RecordType, Id(myth), $"“{myth.Statement}”: changed {string.Join(", ", changed)}", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Myth {MythId} edited", myth.Id);
        return true;
    }

    /// <summary>
    /// Swaps the myth with its neighbour. Positions are renumbered 1, 2, 3... on the way, so the order is
    /// always clean even if earlier data had gaps or ties. Returns the new position (1-based), or null if
    /// it was already first (or last).
    /// </summary>
    public async Task<int?> MoveAsync(int id, MoveDirection direction, CancellationToken cancellationToken = default)
    {
        var myths = await db.Myths.InOrder().ToListAsync(cancellationToken);
        var index = myths.FindIndex(m => m.Id == id);
        var target = direction == MoveDirection.Up ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= myths.Count)
        {
            return null;
        }

        (myths[index], myths[target]) = (myths[target], myths[index]);
        for (var i = 0; i < myths.Count; i++)
        {
            myths[i].SortOrder = i + 1;
        }

        var moved = myths[target];
        await audit.RecordAsync(AuditActions.MythMoved, RecordType, Id(moved),
            $"“{moved.Statement}” {(direction == MoveDirection.Up ? "up" : "down")} to position {target + 1} of {myths.Count}", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Myth {MythId} moved {Direction}", id, direction);
        return target + 1;
    }

    public async Task SetHiddenAsync(Myth myth, bool hidden, CancellationToken cancellationToken = default)
    {
        if (myth.IsHidden == hidden)
        {
            return;
        }

        myth.IsHidden = hidden;
        await audit.RecordAsync(hidden ? AuditActions.MythHidden : AuditActions.MythShown, RecordType, Id(myth), $"“{myth.Statement}”", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(hidden ? "Myth {MythId} hidden" : "Myth {MythId} shown", myth.Id);
    }

    public async Task DeleteAsync(Myth myth, CancellationToken cancellationToken = default)
    {
        db.Myths.Remove(myth);
        await audit.RecordAsync(AuditActions.MythDeleted, RecordType, Id(myth), $"“{myth.Statement}” (source: {myth.Source})", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Myth {MythId} deleted", myth.Id);
    }

    private static string Id(Myth myth) => myth.Id.ToString(CultureInfo.InvariantCulture);
}

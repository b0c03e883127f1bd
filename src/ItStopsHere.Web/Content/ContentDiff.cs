using DiffPlex;
using DiffPlex.Chunkers;
using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Content;

/// <summary>
/// A word-by-word comparison of two versions of a page (title, opening paragraph, content note and the
/// Markdown text), made with DiffPlex: what stayed, what was removed and what was added, in reading order.
/// </summary>
public static class ContentDiff
{
    public static IReadOnlyList<ContentDiffPart> Compare(string? older, string? newer)
    {
        older ??= "";
        newer ??= "";
        var result = Differ.Instance.CreateDiffs(older, newer, ignoreWhiteSpace: false, ignoreCase: false, new DelimiterChunker([' ', '\n']));
        var parts = new List<ContentDiffPart>();
        var a = 0;
        var b = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(parts, ContentDiffKind.Same, result.PiecesOld, a, block.DeleteStartA - a);
            Add(parts, ContentDiffKind.Removed, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(parts, ContentDiffKind.Added, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }

        Add(parts, ContentDiffKind.Same, result.PiecesOld, a, result.PiecesOld.Count - a);
        return parts;
    }

    /// <summary>The words of a version as compared: each field under its own label, the text, its lists, then its facts (help lines, figures).</summary>
    public static string Words(ContentVersion version)
    {
        var words = new System.Text.StringBuilder();
        words.Append($"Title: {version.Title}\n");
        if (version.EffectiveOn is { } effective)
        {
            // A policy's dates are part of what changed between two versions.
            words.Append($"Effective from: {UkDate(effective)}\nLast reviewed: {UkDate(version.LastReviewedOn)}\nNext review due: {UkDate(version.NextReviewDueOn)}\n");
        }

        words.Append($"Content note: {version.ContentNote ?? "(none)"}\nOpening paragraph: {version.Summary}\n\n{version.Body}");
        foreach (var list in ContentListCatalog.All.Where(l => version.Items.Any(i => i.List == l.Key)))
        {
            words.Append($"\n\n{list.Name}:");
            foreach (var item in version.Items.Where(i => i.List == list.Key))
            {
                words.Append($"\n- {item.Name}");
                if (!string.IsNullOrWhiteSpace(item.Role))
                {
                    words.Append($" ({item.Role})");
                }

                if (!string.IsNullOrWhiteSpace(item.Text))
                {
                    words.Append($": {item.Text}");
                }
            }
        }

        words.Append(PageFacts.Parse(version.Facts).Words());
        return words.ToString();
    }

    private static string UkDate(DateOnly? date) =>
        date is { } d ? d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : "(none)";

    public static bool HasChanges(IReadOnlyList<ContentDiffPart> parts) => parts.Any(p => p.Kind != ContentDiffKind.Same);

    private static void Add(List<ContentDiffPart> parts, ContentDiffKind kind, IReadOnlyList<string> pieces, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var text = string.Concat(pieces.Skip(start).Take(count));
        if (parts.Count > 0 && parts[^1].Kind == kind)
        {
            parts[^1] = parts[^1] with { Text = parts[^1].Text + text };
        }
        else
        {
            parts.Add(new ContentDiffPart(kind, text));
        }
    }
}

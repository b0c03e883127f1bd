namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// One version of a <see cref="ContentPage"/>: a draft, a scheduled publication, or a published version.
/// A published version is never changed or deleted by the site (see <see cref="ContentVersionSchema"/>).
/// </summary>
public class ContentVersion
{
    public int Id { get; set; }

    public int PageId { get; set; }

    public ContentPage Page { get; set; } = null!;

    /// <summary>1, 2, 3... in order of publication; its public address is <c>/&lt;page&gt;/history/&lt;number&gt;</c>. Null for a draft.</summary>
    public int? Number { get; set; }

    public ContentVersionState State { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The opening paragraph, shown in larger type under the title.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The rest of the page, in Markdown.</summary>
    public string Body { get; set; } = "";

    /// <summary>What the page talks about, for the content note at its top (e.g. "consent, sexual assault and rape"); none when empty.</summary>
    public string? ContentNote { get; set; }

    /// <summary>The body rendered and sanitised once, when the version was published or scheduled. Null for a draft.</summary>
    public string? Html { get; set; }

    /// <summary>
    /// The page's structured part in this version, as JSON (<see cref="ItStopsHere.Web.Content.PageFacts"/>): the help lines
    /// of <c>/help</c>, the figures of <c>/impact</c>. Null for pages without one. Carried into each new
    /// version, so every version shows the numbers it was published with.
    /// </summary>
    public string? Facts { get; set; }

    /// <summary>The one-line "what changed", required to publish; shown in the page's public history.</summary>
    public string? ChangeNote { get; set; }

    /// <summary>When it went (or goes) on the site. Null for a draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Who published it, as the public history names them: a display name or a role, never an email address.</summary>
    public string? PublishedBy { get; set; }

    /// <summary>When the words were last saved (the draft), or when it was published.</summary>
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The page's structured lists (the 5 Ds, supporters and their quotes), in order; part of the version like its words.</summary>
    public List<ContentListItem> Items { get; set; } = [];

    /// <summary>A policy's date of effect (policies only; required for them).</summary>
    public DateOnly? EffectiveOn { get; set; }

    /// <summary>When a policy was last reviewed (policies only).</summary>
    public DateOnly? LastReviewedOn { get; set; }

    /// <summary>When a policy's next review is due (policies only); the staff dashboard lists it from that day.</summary>
    public DateOnly? NextReviewDueOn { get; set; }

    /// <summary>Who last saved the draft, as staff see it (an email address is fine here: staff pages only).</summary>
    public string? SavedBy { get; set; }
}

using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>A page's words as the editor's form sends them, with the revision the form was opened at.</summary>
public class ContentPageInput
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? ContentNote { get; set; }

    public string? Body { get; set; }

    /// <summary>The one line for the public history; needed to publish or schedule, not to save a draft.</summary>
    public string? ChangeNote { get; set; }

    /// <summary>A policy's date of effect, <c>yyyy-MM-dd</c> (a date field); policies only.</summary>
    public string? EffectiveOn { get; set; }

    /// <summary>When a policy was last reviewed, <c>yyyy-MM-dd</c>; policies only.</summary>
    public string? LastReviewedOn { get; set; }

    /// <summary>When a policy's next review is due, <c>yyyy-MM-dd</c>; policies only.</summary>
    public string? NextReviewDueOn { get; set; }

    /// <summary>The page's <see cref="ContentPage.Revision"/> when the form was opened (a hidden field).</summary>
    public int Revision { get; set; }

    /// <summary>Set by the page before validating: true when publishing or scheduling (the change note is then required).</summary>
    [BindNever]
    public bool Publishing { get; set; }

    /// <summary>Set by the page before validating: true for a policy (its dates are then required).</summary>
    [BindNever]
    public bool IsPolicy { get; set; }

    public ContentDraft ToDraft() => IsPolicy
        ? new(Title ?? "", Summary ?? "", Body ?? "", ContentNote, Date(EffectiveOn), Date(LastReviewedOn), Date(NextReviewDueOn))
        : new(Title ?? "", Summary ?? "", Body ?? "", ContentNote);

    public static ContentPageInput From(ContentVersion? version, int revision) => new()
    {
        Title = version?.Title,
        Summary = version?.Summary,
        ContentNote = version?.ContentNote,
        Body = version?.Body,
        EffectiveOn = DateValue(version?.EffectiveOn),
        LastReviewedOn = DateValue(version?.LastReviewedOn),
        NextReviewDueOn = DateValue(version?.NextReviewDueOn),
        Revision = revision,
    };

    public static DateOnly? Date(string? value) => LondonTime.TryParseDate(value, out var date) ? date : null;

    private static string? DateValue(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

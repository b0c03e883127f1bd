using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
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

    /// <summary>The page's <see cref="ContentPage.Revision"/> when the form was opened (a hidden field).</summary>
    public int Revision { get; set; }

    /// <summary>Set by the page before validating: true when publishing or scheduling (the change note is then required).</summary>
    [BindNever]
    public bool Publishing { get; set; }

    public ContentDraft ToDraft() => new(Title ?? "", Summary ?? "", Body ?? "", ContentNote);

    public static ContentPageInput From(ContentVersion? version, int revision) => new()
    {
        Title = version?.Title,
        Summary = version?.Summary,
        ContentNote = version?.ContentNote,
        Body = version?.Body,
        Revision = revision,
    };
}

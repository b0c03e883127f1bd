using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>The item as it will look, rendered from the form without saving anything.</summary>
public sealed record NewsPreview(string Title, string Summary, HtmlString Body, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Location)
{
    public static NewsPreview Of(NewsItemDraft draft, MarkdownRenderer markdown)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(markdown);
        return new(draft.Title.Trim(), draft.Summary.Trim(), markdown.Render(draft.Body, topHeadingLevel: 4), draft.StartsAt,
            draft.StartsAt is null ? null : draft.EndsAt, string.IsNullOrWhiteSpace(draft.Location) ? null : draft.Location.Trim());
    }
}

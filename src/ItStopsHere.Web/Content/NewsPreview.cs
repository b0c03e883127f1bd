using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Pages.Admin.News;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>The item as it will look, rendered from the form without saving anything.</summary>
public sealed record NewsPreview(string Title, string Summary, HtmlString Body, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Location)
{
    public static NewsPreview Of(NewsItemInput input, MarkdownRenderer markdown) =>
        // Fields left empty arrive as null (model binding's rule for strings), even where the type says otherwise.
        new(input.Title?.Trim() ?? "", input.Summary?.Trim() ?? "", markdown.Render(input.Body, topHeadingLevel: 4), input.StartsAt,
            input.StartsAt is null ? null : input.EndsAt, string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim());
}

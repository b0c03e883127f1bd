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

/// <summary>
/// Limits for the content forms. The site's default form limits (16 KB a value, 64 KB a request) are
/// right for public forms; a news item's text, URL-encoded, can need more, so these pages allow it.
/// </summary>
public static class ContentForms
{
    public const int ValueLengthLimit = 256 * 1024;
    public const long RequestSizeLimit = 512 * 1024;
}

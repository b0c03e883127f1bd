using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.News;

/// <summary>A time to publish an item, in London time.</summary>
public class ScheduleInput
{
    public string? Date { get; set; }

    public string? Time { get; set; }

    public DateTimeOffset? At => LondonTime.Combine(Date, Time);
}

using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Settings;

/// <summary>One impact statistic as the form holds it.</summary>
public class StatisticInput
{
    public string? Figure { get; set; }

    public string? Statement { get; set; }

    public string? Source { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Figure) && string.IsNullOrWhiteSpace(Statement) && string.IsNullOrWhiteSpace(Source);
}

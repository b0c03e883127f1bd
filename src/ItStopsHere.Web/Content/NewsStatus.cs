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

/// <summary>Where an item stands, in the words the admin pages use.</summary>
public enum NewsStatus
{
    Draft,
    Scheduled,
    Published,
}

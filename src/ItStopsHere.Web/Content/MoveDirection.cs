using System.Globalization;
using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

/// <summary>Which way to move a myth in the list.</summary>
public enum MoveDirection
{
    Up,
    Down,
}

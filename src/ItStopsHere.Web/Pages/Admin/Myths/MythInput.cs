using System.Globalization;
using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Myths;

/// <summary>A myth as the form holds it.</summary>
public class MythInput
{
    public const int StatementMaxLength = 300;
    public const int AnswerMaxLength = 4000;
    public const int SourceMaxLength = 1000;
    public const int SourceUrlMaxLength = 2000;

    public string Statement { get; set; } = "";

    public string Answer { get; set; } = "";

    public string Source { get; set; } = "";

    public string? SourceUrl { get; set; }

    public static MythInput From(Myth myth) => new()
    {
        Statement = myth.Statement,
        Answer = myth.Answer,
        Source = myth.Source,
        SourceUrl = myth.SourceUrl,
    };

    /// <summary>What the editor saves.</summary>
    public MythDraft ToDraft() => new(Statement ?? "", Answer ?? "", Source ?? "", SourceUrl);
}

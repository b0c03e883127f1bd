using System.Globalization;
using ItStopsHere.Web.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages.ImpactFigures;

/// <summary>One impact figure as its form sends it, with the one line for /impact's public history.</summary>
public class ImpactFigureInput : IFactInput<ImpactFigure>
{
    public string? Figure { get; set; }

    public string? Statement { get; set; }

    public string? SourceName { get; set; }

    public string? SourceUrl { get; set; }

    /// <summary>yyyy-MM-dd, from a date input.</summary>
    public string? CheckedOn { get; set; }

    public string? ChangeNote { get; set; }

    public int Revision { get; set; }

    public static ImpactFigureInput From(ImpactFigure figure, int revision) => new()
    {
        Figure = figure.Figure,
        Statement = figure.Statement,
        SourceName = figure.SourceName,
        SourceUrl = figure.SourceUrl,
        CheckedOn = figure.CheckedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Revision = revision,
    };

    public void ApplyTo(ImpactFigure figure)
    {
        figure.Figure = Figure!.Trim();
        figure.Statement = Statement!.Trim();
        figure.SourceName = SourceName!.Trim();
        figure.SourceUrl = string.IsNullOrWhiteSpace(SourceUrl) ? null : SourceUrl.Trim();
        figure.CheckedOn = DateOnly.ParseExact(CheckedOn!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}

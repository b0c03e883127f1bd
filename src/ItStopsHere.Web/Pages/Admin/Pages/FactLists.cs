using ItStopsHere.Web.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>The two lists of facts staff edit one item at a time.</summary>
public static class FactLists
{
    public static readonly FactList<HelpLine> HelpLines = new(
        "help", f => f.HelpLines, "help line", "help lines", "the Get help page", "the list of support services",
        "/Admin/Pages/HelpLines/Index", nameof(ItStopsHere.Web.Pages.Admin.Pages.HelpLines.HelpLineInput.Name));

    public static readonly FactList<ImpactFigure> ImpactFigures = new(
        "impact", f => f.Figures, "figure", "figures", "the impact page", "the list of figures",
        "/Admin/Pages/ImpactFigures/Index", nameof(ItStopsHere.Web.Pages.Admin.Pages.ImpactFigures.ImpactFigureInput.Figure));
}

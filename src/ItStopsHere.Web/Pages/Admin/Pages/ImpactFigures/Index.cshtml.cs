using ItStopsHere.Web.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages.ImpactFigures;

/// <summary>The figures of <c>/impact</c>, in their order (see <see cref="FactListPageModel{TFact}"/>).</summary>
public class IndexModel(ContentPageEditor editor) : FactListPageModel<ImpactFigure>(editor, FactLists.ImpactFigures);

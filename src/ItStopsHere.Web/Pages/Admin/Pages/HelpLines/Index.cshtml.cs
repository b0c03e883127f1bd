using ItStopsHere.Web.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages.HelpLines;

/// <summary>The help lines of <c>/help</c> (also in the report pages' emergency box), in their order (see <see cref="FactListPageModel{TFact}"/>).</summary>
public class IndexModel(ContentPageEditor editor) : FactListPageModel<HelpLine>(editor, FactLists.HelpLines);

using ItStopsHere.Web.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>
/// One list of a page's facts as its staff pages describe it: which page holds it, which list it is, and
/// the words their messages use. The help lines and the impact figures are the two
/// (<see cref="FactLists"/>); their list and form pages share <see cref="FactListPageModel{TFact}"/> and
/// <see cref="FactEditPageModel{TFact, TInput}"/>.
/// </summary>
/// <param name="Slug">The page whose versions keep the list ("help").</param>
/// <param name="Items">The list inside the page's facts.</param>
/// <param name="Noun">One item, in a sentence ("help line").</param>
/// <param name="Plural">The list, in a sentence ("help lines").</param>
/// <param name="PageName">The page, in a sentence ("the Get help page").</param>
/// <param name="MovedWithin">Where an item moves, in the page's history ("the list of support services").</param>
/// <param name="IndexPage">The list's staff page, to return to after a save.</param>
/// <param name="FirstField">The form's first field, where a conflicting save's message is shown.</param>
public sealed record FactList<TFact>(
    string Slug,
    Func<PageFacts, List<TFact>> Items,
    string Noun,
    string Plural,
    string PageName,
    string MovedWithin,
    string IndexPage,
    string FirstField)
    where TFact : IPageFact;

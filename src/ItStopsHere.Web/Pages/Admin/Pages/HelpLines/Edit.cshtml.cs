using FluentValidation;
using ItStopsHere.Web.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages.HelpLines;

/// <summary>Adds, corrects or removes one help line (see <see cref="FactEditPageModel{TFact, TInput}"/>).</summary>
public class EditModel(ContentPageEditor editor, IValidator<HelpLineInput> validator, TimeProvider clock)
    : FactEditPageModel<HelpLine, HelpLineInput>(editor, validator, clock, FactLists.HelpLines)
{
    protected override HelpLineInput InputFrom(HelpLine item, int revision) => HelpLineInput.From(item, revision);
}

using FluentValidation;
using ItStopsHere.Web.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages.ImpactFigures;

/// <summary>Adds, corrects or removes one impact figure (see <see cref="FactEditPageModel{TFact, TInput}"/>).</summary>
public class EditModel(ContentPageEditor editor, IValidator<ImpactFigureInput> validator, TimeProvider clock)
    : FactEditPageModel<ImpactFigure, ImpactFigureInput>(editor, validator, clock, FactLists.ImpactFigures)
{
    protected override ImpactFigureInput InputFrom(ImpactFigure item, int revision) => ImpactFigureInput.From(item, revision);
}

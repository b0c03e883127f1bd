using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages;

public class ContentPageInputValidator : AbstractValidator<ContentPageInput>
{
    public ContentPageInputValidator()
    {
        RuleFor(i => i.Title)
            .NotEmpty().WithMessage("Enter the page's title")
            .MaximumLength(ContentVersionConfiguration.TitleMaxLength).WithMessage($"Keep the title to {ContentVersionConfiguration.TitleMaxLength} characters or fewer");
        RuleFor(i => i.Summary)
            .NotEmpty().WithMessage("Enter the opening paragraph")
            .MaximumLength(ContentVersionConfiguration.SummaryMaxLength).WithMessage($"Keep the opening paragraph to {ContentVersionConfiguration.SummaryMaxLength} characters or fewer");
        RuleFor(i => i.ContentNote)
            .MaximumLength(ContentVersionConfiguration.ContentNoteMaxLength).WithMessage($"Keep the content note to {ContentVersionConfiguration.ContentNoteMaxLength} characters or fewer");
        RuleFor(i => i.Body)
            .NotEmpty().WithMessage("Enter the page's text: a page cannot be empty")
            .MaximumLength(ContentVersionConfiguration.BodyMaxLength).WithMessage($"Keep the text to {ContentVersionConfiguration.BodyMaxLength:N0} characters or fewer");
        RuleFor(i => i.Body).Custom((body, context) =>
        {
            foreach (var problem in ContentMarkdownRules.Problems(body))
            {
                context.AddFailure(nameof(ContentPageInput.Body), problem);
            }
        });
        RuleFor(i => i.ChangeNote)
            .NotEmpty().When(i => i.Publishing).WithMessage("Say in one line what changed: it is shown in the page's public history")
            .MaximumLength(ContentVersionConfiguration.ChangeNoteMaxLength).WithMessage($"Keep what changed to {ContentVersionConfiguration.ChangeNoteMaxLength} characters or fewer");
    }
}

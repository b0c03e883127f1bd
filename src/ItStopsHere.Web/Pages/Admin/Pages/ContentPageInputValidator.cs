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
        foreach (var (field, label) in new (System.Linq.Expressions.Expression<Func<ContentPageInput, string?>>, string)[]
                 { (i => i.Title, "title"), (i => i.ContentNote, "content note"), (i => i.Summary, "opening paragraph"), (i => i.ChangeNote, "what changed") })
        {
            RuleFor(field).Must(PlainLine).WithMessage($"Remove the invisible or control characters from the {label}: type it again, or paste it as plain text");
        }

        RuleFor(i => i.Body).Must(v => v is null || !v.Any(c => IsHidden(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
            .WithMessage("Remove the invisible or control characters from the text: paste it as plain text");
        When(i => i.IsPolicy, () =>
        {
            RuleFor(i => i.EffectiveOn).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the date the policy takes effect")
                .Must(BeADate).WithMessage("Enter the date the policy takes effect as a real date, e.g. 1 September 2026");
            RuleFor(i => i.LastReviewedOn).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the date the policy was last reviewed (for a new policy, the date it was approved)")
                .Must(BeADate).WithMessage("Enter the date the policy was last reviewed as a real date, e.g. 1 September 2026");
            RuleFor(i => i.NextReviewDueOn).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the date the policy's next review is due")
                .Must(BeADate).WithMessage("Enter the date the next review is due as a real date, e.g. 1 September 2027")
                .Must((input, next) => !BeADate(input.LastReviewedOn) || ContentPageInput.Date(next) > ContentPageInput.Date(input.LastReviewedOn))
                .When(i => BeADate(i.NextReviewDueOn))
                .WithMessage("The next review must be due after the last review");
        });
        RuleFor(i => i.ChangeNote)
            .NotEmpty().When(i => i.Publishing).WithMessage("Say in one line what changed: it is shown in the page's public history")
            .MaximumLength(ContentVersionConfiguration.ChangeNoteMaxLength).WithMessage($"Keep what changed to {ContentVersionConfiguration.ChangeNoteMaxLength} characters or fewer");
    }

    private static bool BeADate(string? value) => ContentPageInput.Date(value) is not null;

    /// <summary>One line of visible text: no line breaks, control characters or direction overrides.</summary>
    private static bool PlainLine(string? value) => value is null || !value.Any(c => char.IsControl(c) || IsHidden(c));

    private static bool IsHidden(char c) =>
        c is '\u200B' or '\uFEFF' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}

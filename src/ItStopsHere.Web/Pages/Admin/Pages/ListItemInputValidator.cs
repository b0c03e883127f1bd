using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;

namespace ItStopsHere.Web.Pages.Admin.Pages;

public class ListItemInputValidator : AbstractValidator<ListItemInput>
{
    public ListItemInputValidator()
    {
        When(i => i.Action == ListAction.Save, () =>
        {
            RuleFor(i => i.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(i => $"Enter the {i.Definition.NameLabel.ToLowerInvariant()}")
                .MaximumLength(ContentListDefinition.NameMaxLength).WithMessage($"Keep the name to {ContentListDefinition.NameMaxLength} characters or fewer")
                .Must(PlainLine).WithMessage("Remove the invisible or control characters from the name: type it again, or paste it as plain text");
            RuleFor(i => i.Role).Cascade(CascadeMode.Stop)
                .NotEmpty().When(i => i.Definition.RoleRequired).WithMessage(i => $"Enter the {i.Definition.RoleLabel?.ToLowerInvariant()}")
                .MaximumLength(ContentListDefinition.RoleMaxLength).WithMessage($"Keep the role to {ContentListDefinition.RoleMaxLength} characters or fewer")
                .Must(PlainLine).WithMessage("Remove the invisible or control characters from the role: type it again, or paste it as plain text");
            RuleFor(i => i.Text).Cascade(CascadeMode.Stop)
                .NotEmpty().When(i => i.Definition.HasText).WithMessage(i => $"Enter {i.Definition.TextLabel?.ToLowerInvariant()}")
                .MaximumLength(ContentListDefinition.TextMaxLength).WithMessage($"Keep the text to {ContentListDefinition.TextMaxLength:N0} characters or fewer")
                .Must(v => v is null || !v.Any(c => IsHidden(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
                .WithMessage("Remove the invisible or control characters from the text: paste it as plain text");
            RuleFor(i => i.Text).Custom((text, context) =>
            {
                if (context.InstanceToValidate.Definition.TextIsMarkdown)
                {
                    foreach (var problem in ContentMarkdownRules.Problems(text))
                    {
                        context.AddFailure(nameof(ListItemInput.Text), problem);
                    }
                }
            });
        });
        When(i => i.Action is ListAction.Move, () =>
            RuleFor(i => i.Direction).NotNull().WithMessage("Choose whether to move the item up or down"));
        When(i => i.Action is ListAction.Move or ListAction.Remove, () =>
            RuleFor(i => i.Index).NotNull().WithMessage("Choose an item"));
        When(i => i.Action == ListAction.Publish, () =>
            RuleFor(i => i.ChangeNote).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Say in one line what changed: it is shown in the page's public history")
                .MaximumLength(ContentVersionConfiguration.ChangeNoteMaxLength).WithMessage($"Keep what changed to {ContentVersionConfiguration.ChangeNoteMaxLength} characters or fewer")
                .Must(PlainLine).WithMessage("Remove the invisible or control characters from what changed: type it again, or paste it as plain text"));
    }

    private static bool PlainLine(string? value) => value is null || !value.Any(c => char.IsControl(c) || IsHidden(c));

    private static bool IsHidden(char c) =>
        c is '\u200B' or '\uFEFF' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}

using FluentValidation;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>
/// One structured list of an editable page (the 5 Ds, the supporters' quotes, ...): add, change, move and
/// remove items. Each change goes into the page's draft (audited); publishing, with a required "what
/// changed" line, makes the page's next version, so the list's history is the page's history.
/// </summary>
[RequestFormLimits(ValueLengthLimit = ContentForms.ValueLengthLimit)]
[RequestSizeLimit(ContentForms.RequestSizeLimit)]
public class ListModel(ContentPageEditor editor, ContentPageDirectory directory, IValidator<ListItemInput> validator) : PageModel
{
    [BindProperty]
    public ListItemInput Input { get; set; } = new();

    public ContentListDefinition Definition { get; private set; } = null!;

    public ContentPageEntry Entry { get; private set; } = null!;

    public ContentPage Record { get; private set; } = null!;

    public ContentVersion? Draft { get; private set; }

    public IReadOnlyList<ContentListItem> Items { get; private set; } = [];

    /// <summary>True when the draft's list differs from the published one (there is something to publish).</summary>
    public bool Unpublished { get; private set; }

    /// <summary>The item being changed (from <c>?edit=</c>), or none when adding.</summary>
    public int? Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string list, int? edit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(list, cancellationToken))
        {
            return NotFound();
        }

        if (edit is { } index && index >= 0 && index < Items.Count)
        {
            Editing = index;
            var item = Items[index];
            Input = new ListItemInput { Index = index, Name = item.Name, Role = item.Role, Text = item.Text };
        }

        Input.Revision = Record.Revision;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string list, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(list, cancellationToken))
        {
            return NotFound();
        }

        if (Input.Index is { } bad && (bad < 0 || bad >= Items.Count))
        {
            return ItemGone();
        }

        Editing = Input.Index;

        if (!await ValidateAsync(ListAction.Save, cancellationToken))
        {
            return Invalid();
        }

        if (Input.Index is null && Items.Count >= ContentListDefinition.MaxItems)
        {
            ModelState.AddModelError("Input.Name", $"A list can hold at most {ContentListDefinition.MaxItems} items: remove one first");
            return Invalid();
        }

        var items = Items.ToList();
        var item = Input.ToItem();
        string action;
        if (Input.Index is { } index)
        {
            items[index] = item;
            action = AuditActions.PageListItemChanged;
        }
        else
        {
            items.Add(item);
            action = AuditActions.PageListItemAdded;
        }

        return await SaveAsync(items, action, $"{Definition.Name}: “{item.Name}”", $"“{item.Name}” is saved in the draft.", cancellationToken);
    }

    public async Task<IActionResult> OnPostMoveAsync(string list, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(list, cancellationToken))
        {
            return NotFound();
        }

        if (!await ValidateAsync(ListAction.Move, cancellationToken))
        {
            return Invalid();
        }

        var index = Input.Index!.Value;
        var other = Input.Direction == MoveDirection.Up ? index - 1 : index + 1;
        if (index < 0 || index >= Items.Count || other < 0 || other >= Items.Count)
        {
            return ItemGone();
        }

        var items = Items.ToList();
        (items[index], items[other]) = (items[other], items[index]);
        return await SaveAsync(items, AuditActions.PageListItemMoved, $"{Definition.Name}: “{items[other].Name}” moved {(Input.Direction == MoveDirection.Up ? "up" : "down")}",
            $"“{items[other].Name}” is moved {(Input.Direction == MoveDirection.Up ? "up" : "down")} in the draft.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string list, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(list, cancellationToken))
        {
            return NotFound();
        }

        if (!await ValidateAsync(ListAction.Remove, cancellationToken))
        {
            return Invalid();
        }

        var index = Input.Index!.Value;
        if (index < 0 || index >= Items.Count)
        {
            return ItemGone();
        }

        var items = Items.ToList();
        var removed = items[index];
        items.RemoveAt(index);
        return await SaveAsync(items, AuditActions.PageListItemRemoved, $"{Definition.Name}: “{removed.Name}” removed",
            $"“{removed.Name}” is removed from the draft. It stays on the site until you publish.", cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(string list, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(list, cancellationToken))
        {
            return NotFound();
        }

        if (!await ValidateAsync(ListAction.Publish, cancellationToken))
        {
            return Invalid();
        }

        if (editor.Waiting(Record) is not null)
        {
            ModelState.AddModelError("Input.ChangeNote", "A version of this page is already scheduled. Cancel it on the page's editor first, or wait until it is published");
            return Invalid();
        }

        var words = ContentPageEditor.Latest(Record);
        if (words is null)
        {
            return NotFound();
        }

        var saved = await editor.PublishAsync(Record, Input.Revision, ContentDraft.From(words), Input.ChangeNote ?? "", cancellationToken: cancellationToken);
        if (!saved.Succeeded)
        {
            return await ConflictAsync(list, cancellationToken);
        }

        TempData["Status"] = $"Version {saved.Saved!.Number} of “{saved.Saved.Title}” is published at {Entry.Path}.";
        return RedirectToPage(new { list });
    }

    private async Task<IActionResult> SaveAsync(List<ContentListItem> mine, string action, string description, string status, CancellationToken cancellationToken)
    {
        var all = (Draft ?? ContentPageEditor.Newest(Record))?.Items.Where(i => i.List != Definition.Key).ToList() ?? [];
        all.AddRange(mine);
        var saved = await editor.SaveItemsAsync(Record, Input.Revision, all, action, description, cancellationToken);
        if (!saved.Succeeded)
        {
            return await ConflictAsync(Definition.Key, cancellationToken);
        }

        TempData["Status"] = status + " Publish when the list is ready.";
        return RedirectToPage(new { list = Definition.Key });
    }

    private async Task<IActionResult> ConflictAsync(string list, CancellationToken cancellationToken)
    {
        await LoadAsync(list, cancellationToken);
        ModelState.AddModelError("Input.Name",
            "Someone else changed this page after you opened it, so your change is not saved. The list below is theirs: make your change again if it is still needed");
        Input.Revision = Record.Revision;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> ValidateAsync(ListAction action, CancellationToken cancellationToken)
    {
        Input.Action = action;
        Input.Definition = Definition;
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelStateInFormOrder(this, nameof(Input));
        return ModelState.IsValid;
    }

    private async Task<bool> LoadAsync(string list, CancellationToken cancellationToken)
    {
        var definition = ContentListCatalog.Find(list);
        var entry = definition is null ? null : await directory.FindAsync(definition.PageSlug, cancellationToken);
        var page = entry is null ? null : await editor.FindAsync(entry.Slug, cancellationToken);
        if (definition is null || entry is null || page is null)
        {
            return false;
        }

        Definition = definition;
        Entry = entry;
        Record = page;
        Draft = ContentPageEditor.Draft(page);
        var latest = ContentPageEditor.Latest(page);
        Items = latest?.Items.Where(i => i.List == definition.Key).ToList() ?? [];
        var published = ContentPageEditor.Newest(page)?.Items.Where(i => i.List == definition.Key).Select(i => i with { Html = null }) ?? [];
        Unpublished = Draft is not null && !Items.Select(i => i with { Html = null }).SequenceEqual(published);
        return true;
    }

    /// <summary>The form named an item the list does not have (it may have been removed meanwhile): 400 with a message.</summary>
    private PageResult ItemGone()
    {
        Input.Index = null;
        ModelState.AddModelError("Input.Name", "That item is not in the list any more: someone may have changed it. Check the list below and try again");
        return Invalid();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

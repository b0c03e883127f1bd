using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ItStopsHere.Tests.Support;

/// <summary>Reads responses as HTML documents with AngleSharp, and submits their forms as a browser would.</summary>
public static class Html
{
    /// <summary>Parses the response at its own address, so forms' relative actions resolve as in a browser.</summary>
    public static async Task<IHtmlDocument> ReadHtmlAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "https://localhost/";
        // The context is not disposed: that would close the document we return.
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(request => request.Content(html).Address(address));
        return (IHtmlDocument)document;
    }

    public static async Task<IHtmlDocument> GetHtmlAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        return await response.ReadHtmlAsync();
    }

    public static string Text(this IElement? element) =>
        element is null ? "" : string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Submits <paramref name="form"/> with the values it already holds (hidden fields, the antiforgery
    /// token, checked boxes), overridden or extended by <paramref name="values"/>.
    /// A value of <c>null</c> removes the field.
    /// </summary>
    /// <param name="action">Where to post instead of the form's action: a pressed button's <c>formaction</c>.</param>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlFormElement form, IEnumerable<KeyValuePair<string, string?>> values, string? action = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "image"):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            fields.Add(new(input.Name, input.Value));
                        }
                    }
                    else
                    {
                        fields.Add(new(input.Name, input.Value));
                    }
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }

        var overrides = values.ToList();
        foreach (var name in overrides.Select(v => v.Key).Distinct())
        {
            fields.RemoveAll(f => f.Key == name);
        }

        fields.AddRange(overrides.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!)));

        // form.Action is the page's own address when the form has no action attribute, and the attribute
        // as written otherwise. A path ("/admin/users/1?handler=Lock") must stay relative to the client's
        // base address: on Linux, new Uri("/path") would make it a file:// address.
        var address = action ?? form.Action;
        var target = address.StartsWith('/') ? new Uri(address, UriKind.Relative) : new Uri(address);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(target, content);
    }

    /// <summary>
    /// Presses a submit button as a browser would: submits the button's form (its <c>form</c> attribute's,
    /// if it has one), to its <c>formaction</c> if it has one, with its own name and value.
    /// The button is found by its text, or by the text before a colon (for buttons whose visually hidden
    /// part names the record, such as "Move up: Myth"), inside <paramref name="within"/> or else <c>main</c>.
    /// </summary>
    public static async Task<HttpResponseMessage> PressAsync(
        this HttpClient client, IHtmlDocument page, string buttonText, IDictionary<string, string?>? values = null, IElement? within = null)
    {
        var scope = within ?? page.QuerySelector("main")!;
        var matches = scope.QuerySelectorAll("button").OfType<IHtmlButtonElement>()
            .Where(b => b.Text() == buttonText || b.Text().StartsWith(buttonText + ":", StringComparison.Ordinal))
            .ToList();
        Assert.True(matches.Count == 1, $"Expected one button \"{buttonText}\", found {matches.Count}.");
        var button = matches[0];
        var formId = button.GetAttribute("form");
        var form = formId is null ? button.Form : page.GetElementById(formId) as IHtmlFormElement;
        Assert.True(form is not null, $"The button \"{buttonText}\" belongs to no form.");
        var fields = new List<KeyValuePair<string, string?>>(values ?? new Dictionary<string, string?>());
        if (!string.IsNullOrEmpty(button.Name))
        {
            fields.Add(new(button.Name, button.Value));
        }

        return await client.SubmitAsync(form!, fields, button.GetAttribute("formaction"));
    }
}

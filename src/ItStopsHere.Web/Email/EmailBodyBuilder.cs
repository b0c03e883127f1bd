using System.Globalization;
using System.Net;
using System.Text;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Email;

/// <summary>
/// Writes one message twice, as plain text and as simple HTML, from the same calls, so the two cannot
/// say different things. Templates are our own text; <c>{0}</c>-style placeholders take values that
/// may come from a signer (a name, a course), which are HTML-escaped and stripped of control and
/// text-direction characters. Links may only point at the campaign's own site (<see cref="CampaignOptions.SiteUrl"/>):
/// no tracking, no third-party links, no images.
/// </summary>
public sealed class EmailBodyBuilder
{
    private const string TextColour = "#1d1a21";
    private const string MutedColour = "#55505c";
    private const string BrandColour = "#4a1f6f";
    private const string LinkColour = "#5b2a86";

    private readonly CampaignOptions _campaign;
    private readonly string _siteUrl;
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public EmailBodyBuilder(CampaignOptions campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        _campaign = campaign;
        _siteUrl = campaign.SiteUrl.TrimEnd('/');
    }

    /// <summary>An address on the campaign's site, e.g. <c>SiteLink("/help")</c>.</summary>
    public string SiteLink(string path) => _siteUrl + (path.StartsWith('/') ? path : "/" + path);

    public EmailBodyBuilder Heading(string template, params string?[] values)
    {
        var text = Format(template, values, html: false);
        _text.Append(text).Append('\n').Append(new string('=', Math.Min(text.Length, 60))).Append("\n\n");
        _html.Append(CultureInfo.InvariantCulture, $"<h1 style=\"margin:0 0 16px;font-size:24px;line-height:1.25;color:{BrandColour};\">")
            .Append(Format(template, values, html: true)).Append("</h1>\n");
        return this;
    }

    public EmailBodyBuilder Subheading(string template, params string?[] values)
    {
        _text.Append(Format(template, values, html: false)).Append("\n\n");
        _html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"margin:24px 0 8px;font-size:19px;line-height:1.3;color:{BrandColour};\">")
            .Append(Format(template, values, html: true)).Append("</h2>\n");
        return this;
    }

    public EmailBodyBuilder Paragraph(string template, params string?[] values)
    {
        _text.Append(Format(template, values, html: false)).Append("\n\n");
        _html.Append("<p style=\"margin:0 0 16px;\">").Append(Format(template, values, html: true)).Append("</p>\n");
        return this;
    }

    /// <summary>A bulleted list of values (each escaped).</summary>
    public EmailBodyBuilder Bullets(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.Select(Clean).Where(i => i.Length > 0).ToList();
        if (list.Count == 0)
        {
            return this;
        }

        _html.Append("<ul style=\"margin:0 0 16px;padding-left:24px;\">\n");
        foreach (var item in list)
        {
            _text.Append("  * ").Append(item).Append('\n');
            _html.Append("<li style=\"margin:0 0 4px;\">").Append(WebUtility.HtmlEncode(item)).Append("</li>\n");
        }

        _text.Append('\n');
        _html.Append("</ul>\n");
        return this;
    }

    /// <summary>
    /// A prominent link, with its address written out so it can be copied and checked. Throws unless
    /// <paramref name="url"/> is on the campaign's own site.
    /// </summary>
    public EmailBodyBuilder Link(string label, string url)
    {
        var safe = RequireSiteUrl(url);
        var encoded = WebUtility.HtmlEncode(safe);
        _text.Append(label).Append(":\n").Append(safe).Append("\n\n");
        _html.Append("<p style=\"margin:0 0 16px;\">")
            .Append(CultureInfo.InvariantCulture, $"<a href=\"{encoded}\" style=\"color:{LinkColour};font-weight:700;font-size:18px;\">")
            .Append(WebUtility.HtmlEncode(label)).Append("</a><br>\n")
            .Append(CultureInfo.InvariantCulture, $"<span style=\"color:{MutedColour};font-size:14px;word-break:break-all;\">{encoded}</span></p>\n");
        return this;
    }

    /// <summary>Smaller print: why the person got this message, how long we keep their details.</summary>
    public EmailBodyBuilder SmallPrint(string template, params string?[] values)
    {
        _text.Append(Format(template, values, html: false)).Append("\n\n");
        _html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 12px;font-size:14px;color:{MutedColour};\">")
            .Append(Format(template, values, html: true)).Append("</p>\n");
        return this;
    }

    /// <summary>Small print ending in a link to the campaign's site: "Read ... in our privacy notice."</summary>
    public EmailBodyBuilder SmallLink(string before, string label, string url)
    {
        var safe = RequireSiteUrl(url);
        _text.Append(before).Append(' ').Append(label).Append(": ").Append(safe).Append("\n\n");
        _html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 12px;font-size:14px;color:{MutedColour};\">")
            .Append(WebUtility.HtmlEncode(before)).Append(' ')
            .Append(CultureInfo.InvariantCulture, $"<a href=\"{WebUtility.HtmlEncode(safe)}\" style=\"color:{LinkColour};\">{WebUtility.HtmlEncode(label)}</a>.</p>\n");
        return this;
    }

    /// <summary>The finished message: the campaign's name on top, the site's address at the foot.</summary>
    public EmailContent Build(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var name = _campaign.Name;
        var footer = $"{name}, a campaign by {_campaign.Organisation}.";
        var text = new StringBuilder()
            .Append(name).Append("\n\n")
            .Append(_text)
            .Append("--\n").Append(footer).Append('\n').Append(_siteUrl).Append('\n')
            .ToString();

        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(Clean(subject))).Append("</title>\n</head>\n")
            .Append(CultureInfo.InvariantCulture, $"<body style=\"margin:0;padding:0;background:#ffffff;color:{TextColour};font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;\">\n")
            .Append("<div style=\"max-width:36em;margin:0 auto;padding:24px 16px;\">\n")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 24px;font-size:20px;font-weight:800;color:{BrandColour};\">{WebUtility.HtmlEncode(name)}</p>\n")
            .Append(_html)
            .Append(CultureInfo.InvariantCulture, $"<hr style=\"border:0;border-top:1px solid #8a8290;margin:24px 0 16px;\">\n<p style=\"margin:0;font-size:14px;color:{MutedColour};\">")
            .Append(WebUtility.HtmlEncode(footer)).Append("<br>\n")
            .Append(CultureInfo.InvariantCulture, $"<a href=\"{WebUtility.HtmlEncode(_siteUrl + "/")}\" style=\"color:{LinkColour};\">{WebUtility.HtmlEncode(_siteUrl)}</a></p>\n")
            .Append("</div>\n</body>\n</html>\n")
            .ToString();

        return new EmailContent(Clean(subject), text, html);
    }

    /// <summary>
    /// A signer's text made safe for a message: control characters (line breaks included) and the
    /// invisible characters that reorder text are removed, so a name cannot add lines or disguise itself.
    /// </summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                builder.Append(' ');
            }
            else if (!IsDirectionControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    private static bool IsDirectionControl(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private string RequireSiteUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && Uri.TryCreate(_siteUrl + "/", UriKind.Absolute, out var site)
            && uri.Scheme == site.Scheme
            && string.Equals(uri.Authority, site.Authority, StringComparison.OrdinalIgnoreCase)
            && uri.AbsolutePath.StartsWith(site.AbsolutePath, StringComparison.Ordinal)
            && string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.AbsoluteUri;
        }

        // The URL is not repeated: it may carry a personal token.
        throw new ArgumentException("Emails may link only to the campaign's own site (Campaign:SiteUrl).", nameof(url));
    }

    private static string Format(string template, string?[] values, bool html)
    {
        ArgumentNullException.ThrowIfNull(template);
        var cleaned = values.Select(v => Clean(v)).ToArray();
        if (!html)
        {
            return cleaned.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, cleaned);
        }

        // Escape the template and each value separately: braces survive HTML encoding, markup does not.
        var encodedTemplate = WebUtility.HtmlEncode(template);
        return cleaned.Length == 0
            ? encodedTemplate
            : string.Format(CultureInfo.InvariantCulture, encodedTemplate, cleaned.Select(v => (object)WebUtility.HtmlEncode(v)).ToArray());
    }
}

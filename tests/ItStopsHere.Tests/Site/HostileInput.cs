namespace ItStopsHere.Tests.Site;

/// <summary>
/// The hostile-input corpus and the site's forms and query-string parameters, as tables. To cover a
/// new form, add a <see cref="FormTarget"/> to <see cref="Forms"/>; for a new parameter, a
/// <see cref="QueryTarget"/> to <see cref="Queries"/>. Every value is sent to every field and parameter.
/// </summary>
public static class HostileInput
{
    public static readonly IReadOnlyList<(string Name, string Value)> Values =
    [
        ("empty", ""),
        ("whitespace only", " \t \u00A0 \u3000 "),
        ("10,000 characters", new string('a', 10_000)),
        ("1 MB", new string('b', 1024 * 1024)),
        ("control characters", "Sam\u0001\u0007\u001B[31mT\u007F\u0085"),
        ("NUL", "Sam\0Taylor"),
        ("bidi override", "Sam \u202Egnp.exe\u202C Taylor"),
        ("bidi isolates", "\u2066Sam\u2069 \u2067Taylor\u2069"),
        ("zero-width", "S\u200Ba\u200Cm\u200D \uFEFFTaylor\u2060"),
        ("combining-mark flood", "Z" + string.Concat(Enumerable.Repeat("\u0301\u0316\u0334", 700))),
        ("emoji", "Sam 🙂🏳️‍🌈👩🏽‍🔬"),
        ("lone surrogate", "Sam \uD800 Taylor"),
        ("HTML", "<b>Sam</b> <img src=x onerror=alert(1)>"),
        ("script", "<script>alert('x')</script>"),
        ("attribute breakout", "\"><svg onload=alert(1)>"),
        ("javascript URL", "javascript:alert(document.cookie)"),
        ("data URL", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        ("SQL fragment", "Robert'); DROP TABLE \"Signatures\";--"),
        ("SQL tautology", "' OR '1'='1"),
        ("format strings", "%s%s%n%x {0} {{1}} ${7*7} #{7*7} {{7*7}}"),
        ("path traversal", "../../../../etc/passwd"),
        ("encoded traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
        ("CRLF injection", "Sam\r\nSet-Cookie: evil=1\r\n\r\n<h1>x</h1>"),
        ("negative number", "-1"),
        ("huge number", "99999999999999999999999999"),
        ("not a number", "NaN"),
        ("email-shaped", "\"<script>\"@example.com"),
        ("fullwidth and ligature", "Ｓａｍ ﬁ＠ｅｘａｍｐｌｅ．ｃｏｍ ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ"),
        ("replacement and BOM", "\uFFFD\uFFFE\uFEFF"),
    ];

    /// <summary>A POST form. <paramref name="BaseValues"/> are valid values for the other fields, so a hostile value in one field is all that is wrong.</summary>
    public sealed record FormTarget(string Name, string Path, bool SignedIn, string[] Fields, Func<int, Dictionary<string, string?>> BaseValues)
    {
        public override string ToString() => Name;
    }

    /// <summary>A GET parameter: <c>{value}</c> in <see cref="PathTemplate"/> is replaced by the (escaped) hostile value.</summary>
    public sealed record QueryTarget(string Name, string PathTemplate, bool SignedIn, bool IsStream = false)
    {
        public override string ToString() => Name;
    }

    public static readonly IReadOnlyList<FormTarget> Forms =
    [
        new("pledge", "/pledge", false,
            ["Input.SigningAs", "Input.Name", "Input.Affiliation", "Input.Detail", "Input.Email", "Input.Actions", "Input.NameDisplay", "Input.Website", "Input.FormToken"],
            i => new()
            {
                ["Input.SigningAs"] = "individual",
                ["Input.Name"] = "Sam Taylor",
                ["Input.Affiliation"] = "student",
                ["Input.Detail"] = "MSc Nursing",
                ["Input.Email"] = $"hostile-{i}@example.test",
                ["Input.Actions"] = "talk-about-it",
                ["Input.NameDisplay"] = "full-name",
            }),
        new("sign in", "/account/login", false, ["Input.Email", "Input.Password"],
            _ => new() { ["Input.Email"] = "nobody@example.test", ["Input.Password"] = "not the password at all" }),
        new("add a staff user", "/admin/users/add", true, ["Input.Email", "Input.Role"],
            i => new() { ["Input.Email"] = $"new.person.{i}@example.ac.uk", ["Input.Role"] = "Moderator" }),
        new("change password", "/account/change-password", true, ["Input.CurrentPassword", "Input.NewPassword", "Input.ConfirmPassword"],
            _ => new()
            {
                ["Input.CurrentPassword"] = "not the current password",
                ["Input.NewPassword"] = "orange lantern pebble orchard",
                ["Input.ConfirmPassword"] = "orange lantern pebble orchard",
            }),
        new("write a news item", "/admin/news/new", true,
            ["Input.Title", "Input.Slug", "Input.Summary", "Input.Body", "Input.StartDate", "Input.StartTime", "Input.EndDate", "Input.EndTime", "Input.Location", "Input.ExternalUrl"],
            i => new()
            {
                ["Input.Title"] = $"Hostile input check {i}",
                ["Input.Summary"] = "A short summary.",
                ["Input.Body"] = "Some **Markdown** text.",
            }),
        new("edit a campaign page", "/admin/pages/consent", true,
            ["Input.Title", "Input.ContentNote", "Input.Summary", "Input.Body", "Input.ChangeNote", "Input.Revision"],
            i => new()
            {
                ["Input.Title"] = $"Consent {i}",
                ["Input.Summary"] = "An opening paragraph.",
                ["Input.Body"] = "## A heading\n\nSome **Markdown** text.",
            }),
        new("edit a help line", "/admin/help-lines/edit/galop", true,
            ["Input.Name", "Input.Phone", "Input.TextNumber", "Input.Email", "Input.WebAddress", "Input.ContactNote", "Input.Hours", "Input.WhoFor",
             "Input.CheckedOn", "Input.RightNowLead", "Input.RightNowText", "Input.RightNowLinkText", "Input.OnReportPages", "Input.ChangeNote", "Input.Revision"],
            i => new() { ["Input.ChangeNote"] = $"Hostile input check {i}" }),
        new("edit an impact figure", "/admin/impact-figures/edit/figure-3", true,
            ["Input.Figure", "Input.Statement", "Input.SourceName", "Input.SourceUrl", "Input.CheckedOn", "Input.ChangeNote", "Input.Revision"],
            i => new() { ["Input.ChangeNote"] = $"Hostile input check {i}" }),
        new("add an item to a page's list", "/admin/pages/lists/quotes", true, ["Input.Name", "Input.Role", "Input.Text", "Input.Index", "Input.Revision"],
            i => new() { ["Input.Name"] = $"Alex Example {i}", ["Input.Role"] = "Example Society", ["Input.Text"] = "Words of support." }),
        new("add a 5 Ds step", "/admin/pages/lists/five-ds", true, ["Input.Name", "Input.Text"],
            i => new() { ["Input.Name"] = $"Step {i}", ["Input.Text"] = "Some **Markdown** text with [a link](/help)." }),
        new("add a policy", "/admin/policies/new", true,
            ["Input.Title", "Input.Slug", "Input.EffectiveOn", "Input.LastReviewedOn", "Input.NextReviewDueOn", "Input.Summary", "Input.Body", "Input.ChangeNote"],
            i => new()
            {
                ["Input.Title"] = $"Example policy {i}",
                ["Input.Slug"] = $"example-policy-{i}",
                ["Input.EffectiveOn"] = "2026-09-01",
                ["Input.LastReviewedOn"] = "2026-09-01",
                ["Input.NextReviewDueOn"] = "2027-09-01",
                ["Input.Summary"] = "What the policy covers.",
                ["Input.Body"] = "## Scope\n\nSome **Markdown** text.",
            }),
        new("add a myth", "/admin/myths/new", true, ["Input.Statement", "Input.Answer", "Input.Source", "Input.SourceUrl"],
            i => new() { ["Input.Statement"] = $"A myth to check {i}", ["Input.Answer"] = "The facts.", ["Input.Source"] = "A source" }),
        new("record offline pledges", "/admin/moderation/offline", true, ["Input.Count", "Input.CollectedOn", "Input.Location", "Input.Note"],
            _ => new() { ["Input.Count"] = "12", ["Input.CollectedOn"] = "2026-10-01", ["Input.Location"] = "Freshers' fair stall", ["Input.Note"] = "Paper forms" }),
        new("pledge settings", "/admin/pledge-settings", true, ["Input.Mode", "Input.HeldWords", "Input.BurstLimit", "Input.BurstMinutes", "Input.Goal"],
            _ => new() { ["Input.Mode"] = "post", ["Input.HeldWords"] = "", ["Input.BurstLimit"] = "100", ["Input.BurstMinutes"] = "10", ["Input.Goal"] = "2000" }),
    ];

    public static readonly IReadOnlyList<QueryTarget> Queries =
    [
        new("news ?page=", "/news?page={value}", false),
        new("news slug", "/news/{value}", false),
        new("page history version", "/consent/history/{value}", false),
        new("page history compare ?from=&to=", "/consent/history/compare?from={value}&to={value}", false),
        new("bystander tips history version", "/take-action/bystander-tips/history/{value}", false),
        new("policy", "/policies/{value}", false),
        new("policy history compare ?from=&to=", "/policies/{value}/history/compare?from={value}&to={value}", false),
        new("list editor ?edit=", "/admin/pages/lists/five-ds?edit={value}", true),
        new("list editor list", "/admin/pages/lists/{value}", true),
        new("news calendar slug", "/news/{value}.ics", false),
        new("signatures ?type=", "/pledge/signatures?type={value}", false),
        new("signatures ?before=", "/pledge/signatures?before={value}", false),
        new("signatures ?after=", "/pledge/signatures?after={value}", false),
        new("thank-you ?r=", "/pledge/thank-you?r={value}", false),
        new("live ?after=", "/pledge/live?after={value}", false, IsStream: true),
        new("sign in ?returnUrl=", "/account/login?returnUrl={value}", false),
        new("two-factor ?returnUrl=", "/account/login/two-factor?returnUrl={value}", false),
        new("set password ?user=&code=", "/account/set-password?user={value}&code={value}", false),
        new("error page status", "/error/{value}", false),
        new("audit ?who=", "/admin/audit?who={value}", true),
        new("audit ?what=", "/admin/audit?what={value}", true),
        new("audit ?from=", "/admin/audit?from={value}", true),
        new("audit ?to=", "/admin/audit?to={value}", true),
        new("audit ?before=", "/admin/audit?before={value}", true),
        new("user details id", "/admin/users/{value}", true),
        new("manage link ?token=", "/pledge/manage?token={value}", false),
        new("confirm link ?token=", "/pledge/confirm?token={value}", false),
        new("moderation list ?q=", "/admin/moderation/signatures?q={value}", true),
        new("moderation list ?status=", "/admin/moderation/signatures?status={value}", true),
        new("moderation list ?type=", "/admin/moderation/signatures?type={value}", true),
        new("moderation list ?action=", "/admin/moderation/signatures?action={value}", true),
        new("moderation list ?from=&to=", "/admin/moderation/signatures?from={value}&to={value}", true),
        new("moderation list ?before=", "/admin/moderation/signatures?before={value}", true),
        new("moderation confirm ?do=&id=", "/admin/moderation/confirm?do={value}&id={value}", true),
        new("news admin ?show=&page=", "/admin/news?show={value}&page={value}", true),
        new("export ?q=", "/admin/signatures-export?handler=csv&q={value}", true),
    ];

    /// <summary>
    /// Methods no page of the site handles: each page answers them with 405 and an <c>Allow</c> header,
    /// before sign-in or the antiforgery check, and never shows the page (PUT /pledge once rendered the form).
    /// </summary>
    public static readonly IReadOnlyList<string> UnhandledMethods = ["PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"];

    /// <summary>Pages to send <see cref="UnhandledMethods"/> to: every form above, and pages without a form.</summary>
    public static readonly IReadOnlyList<(string Path, bool HasForm)> MethodTargets =
    [
        .. Forms.Select(f => (f.Path, true)),
        ("/", false),
        ("/help", false),
        ("/news", false),
        ("/pledge/signatures", false),
        ("/admin", false),
        ("/privacy", false),
    ];

    public static TheoryData<string> FormNames() => [.. Forms.Select(f => f.Name)];

    public static TheoryData<string> QueryNames() => [.. Queries.Select(q => q.Name)];

    public static TheoryData<string> MethodPaths() => [.. MethodTargets.Select(t => t.Path)];
}

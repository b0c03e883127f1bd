using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using FluentValidation;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Pages.Pledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Site;

/// <summary>
/// Sends every value of <see cref="HostileInput.Values"/> to every field of every form and every
/// query-string parameter (see the tables in <see cref="HostileInput"/>), plus protocol-level abuse:
/// malformed UTF-8 as raw bytes, wrong content types, missing and stale antiforgery tokens and
/// duplicated fields. Each answer must be a 2xx/3xx or a 4xx a person can act on (an error summary or
/// the friendly error page), never a 5xx; echoed text is HTML-encoded; and nothing invalid is stored.
/// </summary>
public class HostileInputTests(PledgeSiteFactory factory, ITestOutputHelper output) : IClassFixture<PledgeSiteFactory>
{
    private static int _caseNumber;

    [Theory]
    [MemberData(nameof(HostileInput.FormNames), MemberType = typeof(HostileInput))]
    public async Task Post_HostileValueInEachField_NeverFailsAndNeverStoresIt(string formName)
    {
        var target = HostileInput.Forms.Single(f => f.Name == formName);
        var client = await ClientAsync(target.SignedIn);
        var problems = new List<string>();
        var cases = 0;
        foreach (var field in target.Fields)
        {
            foreach (var (name, value) in HostileInput.Values)
            {
                var values = target.BaseValues(Interlocked.Increment(ref _caseNumber));
                values[field] = value;
                using var response = await SubmitAsync(client, target.Path, values);
                cases++;
                await CheckAsync(response, $"{target.Name} {field} = {name}", value, problems, FitsInAFormValue(value));
            }
        }

        output.WriteLine($"{cases} hostile values sent to the {target.Name} form");
        await CheckNothingInvalidStoredAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(HostileInput.QueryNames), MemberType = typeof(HostileInput))]
    public async Task Get_HostileValueInEachParameter_NeverFails(string queryName)
    {
        var target = HostileInput.Queries.Single(q => q.Name == queryName);
        var client = await ClientAsync(target.SignedIn);
        var problems = new List<string>();
        var cases = 0;
        var values = HostileInput.Values.Append(("malformed UTF-8 (percent-encoded bytes)", "\u0000RAW:%C3%28%FF%FE%ED%A0%80"));
        foreach (var (name, value) in values)
        {
            if (value.Contains('\0', StringComparison.Ordinal) && target.PathTemplate.Split('?')[0].Contains("{value}", StringComparison.Ordinal))
            {
                // The test server refuses a NUL in a path before the app sees it (Kestrel answers 400);
                // HostileLimitsTests sends it to the real server.
                continue;
            }

            var escaped = value.StartsWith("\u0000RAW:", StringComparison.Ordinal) ? value["\u0000RAW:".Length..] : Uri.EscapeDataString(value);
            var path = target.PathTemplate.Replace("{value}", escaped, StringComparison.Ordinal);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            cases++;
            if (target.IsStream)
            {
                // A stream never ends by itself: the status is the answer.
                if ((int)response.StatusCode >= 500)
                {
                    problems.Add($"{target.Name} = {name}: {(int)response.StatusCode}");
                }

                continue;
            }

            await CheckAsync(response, $"{target.Name} = {name}", value, problems);
        }

        output.WriteLine($"{cases} hostile values sent to {target.Name}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(HostileInput.FormNames), MemberType = typeof(HostileInput))]
    public async Task Post_AbusedProtocol_AnswersWith4xx(string formName)
    {
        var target = HostileInput.Forms.Single(f => f.Name == formName);
        var client = await ClientAsync(target.SignedIn);
        var problems = new List<string>();
        var (token, form) = await FormFieldsAsync(client, target.Path);
        var baseValues = target.BaseValues(Interlocked.Increment(ref _caseNumber));
        var cases = 0;

        async Task SendAsync(string name, HttpContent content, bool mustBeRejected)
        {
            using (content)
            using (var response = await client.PostAsync(target.Path, content))
            {
                cases++;
                await CheckAsync(response, $"{target.Name}: {name}", "", problems);
                if (mustBeRejected && (int)response.StatusCode is < 400 or >= 500)
                {
                    problems.Add($"{target.Name}: {name} should be refused with a 4xx, got {(int)response.StatusCode}");
                }
            }
        }

        var withToken = form.Concat(baseValues.Select(v => new KeyValuePair<string, string>(v.Key, v.Value ?? ""))).ToList();
        var withoutToken = withToken.Where(f => f.Key != "__RequestVerificationToken").ToList();

        await SendAsync("missing antiforgery token", new FormUrlEncodedContent(withoutToken), mustBeRejected: true);

        // A token issued to someone else (another cookie) is stale for this client.
        var stranger = await ClientAsync(target.SignedIn, fresh: true);
        var (strangerToken, _) = await FormFieldsAsync(stranger, target.Path);
        var stale = withoutToken.Append(new("__RequestVerificationToken", strangerToken)).ToList();
        await SendAsync("someone else's antiforgery token", new FormUrlEncodedContent(stale), mustBeRejected: true);
        await SendAsync("garbage antiforgery token", new FormUrlEncodedContent(withoutToken.Append(new("__RequestVerificationToken", "CfDJ8" + new string('A', 200))).ToList()), mustBeRejected: true);

        await SendAsync("JSON body", new StringContent("{\"Input\":{\"Email\":\"x@example.test\"}}", Encoding.UTF8, "application/json"), mustBeRejected: true);
        await SendAsync("plain-text body", new StringContent(string.Join("&", withToken.Select(f => $"{f.Key}={f.Value}")), Encoding.UTF8, "text/plain"), mustBeRejected: true);
        await SendAsync("XML body", new StringContent("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", Encoding.UTF8, "application/xml"), mustBeRejected: true);
        var noType = new ByteArrayContent(Encoding.UTF8.GetBytes("Input.Email=x"));
        await SendAsync("no content type", noType, mustBeRejected: true);
        var lying = new StringContent("not=a&multipart=body", Encoding.UTF8);
        lying.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=nothing-here");
        await SendAsync("multipart type with a non-multipart body", lying, mustBeRejected: true);

        var multipart = new MultipartFormDataContent();
        foreach (var (key, value) in withToken)
        {
            multipart.Add(new StringContent(value), key);
        }

        await SendAsync("multipart with a 1 MB file part", AddFile(multipart), mustBeRejected: true);

        // Every field twice, the second time with a hostile value.
        var doubled = withToken.Concat(withToken.Where(f => f.Key != "__RequestVerificationToken").Select(f => new KeyValuePair<string, string>(f.Key, "<script>alert(2)</script>"))).ToList();
        await SendAsync("duplicated fields", new FormUrlEncodedContent(doubled), mustBeRejected: false);

        // Malformed UTF-8 as raw bytes in each field (and once percent-encoded), with the right token.
        foreach (var field in target.Fields)
        {
            var body = new List<byte>();
            foreach (var (key, value) in withToken.Where(f => f.Key != field))
            {
                body.AddRange(Encoding.ASCII.GetBytes($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}&"));
            }

            body.AddRange(Encoding.ASCII.GetBytes(Uri.EscapeDataString(field) + "="));
            body.AddRange([0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, 0xF0, 0x28, 0x8C, 0xBC, 0x00, 0x41]);
            body.AddRange(Encoding.ASCII.GetBytes($"&{Uri.EscapeDataString(field)}2=%C3%28%FF"));
            var raw = new ByteArrayContent([.. body]);
            raw.Headers.ContentType = new("application/x-www-form-urlencoded");
            await SendAsync($"malformed UTF-8 bytes in {field}", raw, mustBeRejected: false);
        }

        _ = token;
        output.WriteLine($"{cases} protocol abuse cases sent to the {target.Name} form");
        await CheckNothingInvalidStoredAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(HostileInput.MethodPaths), MemberType = typeof(HostileInput))]
    public async Task Send_MethodThePageHasNoHandlerFor_Answers405WithAllow(string path)
    {
        var hasForm = HostileInput.MethodTargets.First(t => t.Path == path).HasForm;
        // The method is refused before the antiforgery check. A staff page is asked by a signed-in Admin:
        // to anyone else it is the sign-in redirect (or 403) whatever the method, so a stranger learns
        // nothing about which staff pages take a POST (Admin/AdminAuthorizationTests).
        var client = factory.CreateBrowserLikeClient();
        using (var probe = await client.GetAsync(path))
        {
            if (probe.StatusCode == HttpStatusCode.Redirect && probe.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true)
            {
                client = await ClientAsync(signedIn: true);
            }
        }

        var problems = new List<string>();
        foreach (var method in HostileInput.UnhandledMethods)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new FormUrlEncodedContent([new("Input.Name", "Sam Taylor")]),
            };
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var allow = response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var values) ? values.SelectMany(v => v.Split(", ")) : []).ToHashSet();
            string[] expected = hasForm ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"];
            if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
            {
                problems.Add($"{method} {path}: {(int)response.StatusCode}, not 405");
            }
            else if (!allow.SetEquals(expected))
            {
                problems.Add($"{method} {path}: Allow: {string.Join(", ", allow)}; expected {string.Join(", ", expected)}");
            }
            else if (body.Contains("<form", StringComparison.Ordinal) && body.Contains("Input.", StringComparison.Ordinal))
            {
                problems.Add($"{method} {path}: the page's form was shown");
            }

            await CheckAsync(response, $"{method} {path}", "", problems);
        }

        // HEAD still works where GET does, and OPTIONS says what is allowed.
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        // (The test server passes a HEAD's body on; Kestrel drops it.)
        Assert.True(head.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"HEAD {path}: {(int)head.StatusCode}");
        using var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, path));
        Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
        Assert.Contains("GET", options.Content.Headers.Allow);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Post_CompatibilityVariantsOfOneAddress_AreOneSignerAndOneStaffAccount()
    {
        var n = Interlocked.Increment(ref _caseNumber);
        var client = factory.CreateBrowserLikeClient();
        var plain = $"ana.fold{n}@x.ac.uk";
        // A fullwidth "a", a fullwidth "ａ" in capitals, and the "ﬁ" ligature for "fi" in the domain.
        string[] variants = [plain, $"\uFF41na.fold{n}@x.ac.uk", $"\uFF21NA.FOLD{n}@X.AC.UK", $"ana.fold{n}@x.ac.uk".Replace("x.ac.uk", "\uFB01x.ac.uk", StringComparison.Ordinal)];
        foreach (var email in variants.Take(3))
        {
            using var response = await client.SignAsync(PledgeTestData.ValidForm(email, "Ana Fold"));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var stored = (await factory.SignaturesAsync()).Where(s => s.NormalizedEmail == plain).ToList();
        Assert.Single(stored);
        Assert.Equal(plain, stored[0].Email);
        Assert.DoesNotContain(await factory.SignaturesAsync(), s => (s.Email ?? "").Contains("fold" + n, StringComparison.OrdinalIgnoreCase) && s.Id != stored[0].Id);
        Assert.Equal($"ana.fold{n}@fix.ac.uk", Web.Signing.NewSignature.NormalizeEmail(variants[3]));

        // Staff accounts: the lookup key folds the same way, so a variant cannot be added beside an account.
        var admin = await factory.CreateUserAsync("Admin");
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Data.StaffUser>>();
        var variant = "\uFF54" + admin.Email[1..];
        Assert.Equal(admin.Id, (await users.FindByEmailAsync(variant))?.Id);
        var result = await users.CreateAsync(new Web.Data.StaffUser { UserName = variant, Email = variant, CreatedAt = DateTimeOffset.UtcNow });
        Assert.False(result.Succeeded);
        await CheckNothingInvalidStoredAsync();
    }

    private static MultipartFormDataContent AddFile(MultipartFormDataContent multipart)
    {
        multipart.Add(new ByteArrayContent(new byte[1024 * 1024]), "upload", "big.bin");
        return multipart;
    }

    /// <summary>Whether a value fits the form reader's limit for one value (16 KB); a bigger one cannot get a message beside its field.</summary>
    private static bool FitsInAFormValue(string value) =>
        value.All(char.IsAsciiLetterOrDigit) ? value.Length <= 16 * 1024 : Encoding.UTF8.GetByteCount(value) * 3 <= 16 * 1024;

    /// <summary>
    /// A 5xx is a failure; a 400 must carry an error summary or the friendly error page (and, when
    /// <paramref name="needsFieldMessage"/>, the error summary: a value the form can read, NUL included,
    /// is answered beside its field, never with the generic page); a hostile value with markup must never
    /// come back unencoded.
    /// </summary>
    private static async Task CheckAsync(HttpResponseMessage response, string label, string value, List<string> problems, bool needsFieldMessage = false)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            problems.Add($"{label}: {status}");
            return;
        }

        var isHtml = response.Content.Headers.ContentType?.MediaType == "text/html";
        if (needsFieldMessage && status is >= 400 and < 500 && status != 429 && !body.Contains("data-error-summary", StringComparison.Ordinal))
        {
            problems.Add($"{label}: {status} without a message beside the field (the generic error page)");
        }

        if (status >= 400 && isHtml && !body.Contains("data-error-summary", StringComparison.Ordinal) && !body.Contains("class=\"error-page", StringComparison.Ordinal)
            && !body.Contains("<h1", StringComparison.Ordinal))
        {
            problems.Add($"{label}: {status} with neither an error summary nor an error page");
        }

        if (value.Length > 0 && value.IndexOfAny(['<', '>', '"']) >= 0 && body.Contains(value, StringComparison.Ordinal))
        {
            problems.Add($"{label}: the value came back unencoded");
        }
    }

    /// <summary>
    /// Whatever was stored must pass the app's own validator when read back as a form, and carry no
    /// control, bidi or zero-width characters; no staff account may have been added by a hostile value.
    /// </summary>
    private async Task CheckNothingInvalidStoredAsync()
    {
        var validator = factory.Services.GetRequiredService<IValidator<SignatureInput>>();
        foreach (var s in await factory.SignaturesAsync())
        {
            var input = new SignatureInput
            {
                SigningAs = SignatureInput.SigningAsChoices.Single(c => c.Type == s.SignatoryType).Value,
                Name = s.Name,
                Affiliation = s.Affiliation is { } a ? SignatureInput.AffiliationChoices.Single(c => c.Affiliation == a).Value : null,
                Detail = s.Detail,
                Email = s.Email,
                Actions = SignatureInput.ActionChoices.Where(c => s.Actions.HasFlag(c.Action)).Select(c => c.Value).ToList(),
                NameDisplay = SignatureInput.NameDisplayChoices.Single(c => c.Display == s.NameDisplay).Value,
            };
            var result = await validator.ValidateAsync(input);
            Assert.True(result.IsValid, $"Stored signature {s.Id} would not pass validation: {result}");
            foreach (var text in new[] { s.Name, s.Detail ?? "", s.Email ?? "" })
            {
                Assert.DoesNotContain(text, c => char.IsControl(c) || c is '\u202E' or '\u202D' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200B' or '\uFEFF');
                Assert.Equal(text.Trim(), text);
            }
        }

        var users = await factory.WithDbAsync(db => db.Users.AsNoTracking().Select(u => u.Email!).ToListAsync());
        Assert.All(users, email => Assert.Matches(@"^test\.[a-z]+\.[0-9a-f]{32}@example\.ac\.uk$|^new\.person\.[0-9]+@example\.ac\.uk$", email));
    }

    private async Task<HttpClient> ClientAsync(bool signedIn, bool fresh = false)
    {
        if (!signedIn)
        {
            return factory.CreateBrowserLikeClient();
        }

        var admin = await factory.CreateUserAsync("Admin");
        _ = fresh;
        return await factory.SignedInClientAsync(admin);
    }

    /// <summary>GETs the form page and returns its antiforgery token and hidden fields.</summary>
    private static async Task<(string Token, List<KeyValuePair<string, string>> Hidden)> FormFieldsAsync(HttpClient client, string path)
    {
        var document = await client.GetHtmlAsync(path);
        var form = document.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
            .First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && !f.Action.Contains("handler=", StringComparison.Ordinal));
        var hidden = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        return (hidden.Single(h => h.Key == "__RequestVerificationToken").Value, hidden);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, Dictionary<string, string?> values)
    {
        var document = await client.GetHtmlAsync(path);
        var form = document.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
            .First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && !f.Action.Contains("handler=", StringComparison.Ordinal));
        return await client.SubmitAsync(form, values);
    }
}

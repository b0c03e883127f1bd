using System.Text.Json;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Support;

/// <summary>
/// Runs axe-core in the page (the script shipped inside Deque.AxeCore.Commons, evaluated directly,
/// which is much faster per call than a wrapper) and fails with a readable list of violations.
/// </summary>
public static class Axe
{
    /// <summary>WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's best-practice rules (landmarks, headings, regions).</summary>
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(Deque.AxeCore.Commons.AxeResult).Assembly
            .GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not embedded in Deque.AxeCore.Commons.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// Checks the page in the light colour scheme and again in the dark one (prefers-color-scheme), so every
    /// colour pair is checked in both; the page is left in the light scheme.
    /// </summary>
    public static async Task AssertNoViolationsAsync(IPage page, string because = "")
    {
        try
        {
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await AssertNoViolationsInCurrentSchemeAsync(page, because + " (light scheme)");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await AssertNoViolationsInCurrentSchemeAsync(page, because + " (dark scheme)");
        }
        finally
        {
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        }
    }

    private static async Task AssertNoViolationsInCurrentSchemeAsync(IPage page, string because)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            @"async (tags) => {
                const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' '))
                }));
            }", Tags);

        if (violations.GetArrayLength() > 0)
        {
            var lines = violations.EnumerateArray().Select(v =>
                $"- {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}\n    " +
                string.Join("\n    ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())));
            Assert.Fail($"axe-core found violations on {page.Url} {because}\n{string.Join('\n', lines)}");
        }
    }
}

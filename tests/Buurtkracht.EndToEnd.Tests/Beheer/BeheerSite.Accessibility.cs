using System.Text.Json;
using Microsoft.Playwright;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>
/// The accessibility checks every dashboard page must pass: axe-core finds no serious or critical violation, the
/// keyboard alone reaches every control with a visible focus, and nothing scrolls sideways at 390 px.
/// </summary>
public sealed partial class BeheerSite
{
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Beheer", "axe", "axe.min.js")));

    /// <summary>All three checks on the page as it is now; fails the test with every problem found.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var problems = new List<string>();
        problems.AddRange(await AxeViolationsAsync(page));
        problems.AddRange(await KeyboardProblemsAsync(page));
        var width = await ScrollWidthAt390Async(page);
        if (width > 390)
            problems.Add($"At 390 px the page is {width} px wide: it scrolls sideways. Too wide: " + string.Join(", ", await page.EvaluateAsync<string[]>(
                "() => [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > 390 && !e.closest('.table-wrap > *'))" +
                ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right))")));
        Assert.True(problems.Count == 0, $"{page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    /// <summary>
    /// The serious and critical axe-core violations, one line each with the rule and the elements. axe is evaluated
    /// through Playwright, which the page's CSP does not govern, so the page keeps its real CSP and a test still sees
    /// what an inline script or style would break.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(AxeSource.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }));
            }
            """);
        return violations.EnumerateArray()
            .Select(v => $"axe {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} — " +
                string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())))
            .ToList();
    }

    /// <summary>
    /// Tabs through the page from the top: every visible link, button and field must be reached (a radio group once)
    /// and show a focus outline inside the window. Returns what was not.
    /// </summary>
    public static async Task<IReadOnlyList<string>> KeyboardProblemsAsync(IPage page)
    {
        var controls = await page.EvaluateAsync<string[]>("""
            () => {
              const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
              const controls = [...document.querySelectorAll(selector)].filter(e =>
                !e.disabled && !e.closest('[inert]') && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
              return controls.map((e, i) => {
                const key = e.type === 'radio' && e.name ? 'radio:' + e.name : 'control:' + i;
                e.setAttribute('data-keyboard-check', key);
                return key + ' ' + e.outerHTML.slice(0, 120);
              });
            }
            """);
        var expected = controls.Select(c => c.Split(' ', 2)).GroupBy(c => c[0]).ToDictionary(g => g.Key, g => g.First()[1]);

        // Focusing the body for a moment makes the top of the page the point the next Tab starts from.
        await page.EvaluateAsync("() => { window.scrollTo(0, 0); const b = document.body; b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex'); }");
        var reached = new HashSet<string>();
        var problems = new List<string>();
        var previous = "";
        // A date field takes a Tab per part (day, month, year), so allow a few per control.
        for (var i = 0; i < controls.Length * 4 + 5; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return null;
                  const style = getComputedStyle(e);
                  const rect = e.getBoundingClientRect();
                  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                  const inView = rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth && rect.top < innerHeight;
                  return { key: e.getAttribute('data-keyboard-check') ?? '', visible: (outline || style.boxShadow !== 'none') && inView,
                           html: e.outerHTML.slice(0, 120) };
                }
                """);
            if (focus.ValueKind == JsonValueKind.Null) break;
            var key = focus.GetProperty("key").GetString()!;
            if (key == previous && key.Length > 0) continue;
            previous = key;
            // Back at a control seen before: the Tab order went round.
            if (!reached.Add(key) && key.Length > 0) break;
            if (!focus.GetProperty("visible").GetBoolean()) problems.Add($"Focused without a visible outline: {focus.GetProperty("html").GetString()}");
        }
        problems.AddRange(expected.Where(e => !reached.Contains(e.Key)).Select(e => $"Not reached with Tab: {e.Value}"));
        return problems;
    }

    /// <summary>The page's width at a 390 px wide window (a small phone); the window keeps that size afterwards.</summary>
    public static async Task<int> ScrollWidthAt390Async(IPage page)
    {
        await page.SetViewportSizeAsync(390, 844);
        return await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
    }
}

using System.Text.Json;
using AiSpm.Cli.Commands;
using AiSpm.Testing;
using BigGustave;
using Microsoft.Playwright;

namespace AiSpm.Application.Tests.Reports;

/// <summary>
/// The demo's report as a browser draws it: Debian's headless Chromium (scripts/ensure-chromium.sh) opens the file
/// offline, and every attack path's view is laid out readably — each hop's name and rules inside its box, the
/// relation between boxes, no box over another, an active Defender alert marked — and its screenshot shows the boxes in the path's severity colour.
/// </summary>
public sealed class ReportRenderingTests
{
    /// <summary>Flags for a headless Chromium on a closed network (no sandbox as root, no background connections).</summary>
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private const string LayoutScript = """
        () => [...document.querySelectorAll('figure.attack-path svg.path')].map(svg => {
          const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
          return {
            severity: svg.closest('figure').querySelector('.sev').textContent,
            hops: [...svg.querySelectorAll('g')].map(g => ({ rect: box(g.querySelector('rect')), stroke: g.querySelector('rect').getAttribute('stroke'), texts: [...g.querySelectorAll('text')].filter(t => t.textContent.length > 0).map(box) })),
            vias: [...svg.querySelectorAll('text.via')].map(t => ({ text: t.textContent, box: box(t) })),
            alerts: [...svg.querySelectorAll('text.alert')].map(box),
            svg: box(svg),
          };
        })
        """;

    private static string Chromium() => Environment.GetEnvironmentVariable("AISPM_CHROMIUM") is { Length: > 0 } named ? named : "/usr/bin/chromium";

    [Fact]
    public async Task Every_attack_path_of_the_demo_report_is_drawn_readably_in_chromium()
    {
        Assert.True(File.Exists(Chromium()), $"no Chromium at {Chromium()}: run scripts/ensure-chromium.sh (or set AISPM_CHROMIUM)");
        var folder = Directory.CreateTempSubdirectory("aispm-render-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.html");
            var (exitCode, _, error) = await CliRunner.RunAsync("report", "--fixture", "demo-tenant", "--out", path);
            Assert.True(exitCode == ExitCodes.Success, error);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium(), Headless = true, Args = ChromiumFlags });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1500 } });
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            await page.GotoAsync(new Uri(path).AbsoluteUri);
            var paths = await page.EvaluateAsync<JsonElement>(LayoutScript);
            var first = page.Locator("figure.attack-path svg.path").First;
            using var screenshot = new MemoryStream(await first.ScreenshotAsync());
            var severity = paths[0].GetProperty("severity").GetString()!;

            // Offline: the browser fetched the file itself and nothing else.
            Assert.Equal([new Uri(path).AbsoluteUri], requests);
            Assert.True(paths.GetArrayLength() >= 8, $"{paths.GetArrayLength()} attack paths drawn");
            // The demo tenant's active credential-theft alert (row 125) is marked on the paths through its account.
            Assert.Contains(paths.EnumerateArray(), p => p.GetProperty("alerts").GetArrayLength() > 0);
            foreach (var drawn in paths.EnumerateArray())
            {
                var hops = drawn.GetProperty("hops").EnumerateArray().ToList();
                Assert.True(hops.Count >= 2, "a path has at least two hops");
                foreach (var hop in hops)
                {
                    var rect = Box(hop.GetProperty("rect"));
                    Assert.All(hop.GetProperty("texts").EnumerateArray().Select(Box), text => Assert.True(Inside(text, rect), $"text {text} overflows its box {rect}"));
                }

                // A Defender alert marker sits above its box, inside the drawing.
                Assert.All(drawn.GetProperty("alerts").EnumerateArray().Select(Box), alert => Assert.True(Inside(alert, Box(drawn.GetProperty("svg"))), $"alert marker {alert} is cut off"));
                for (var i = 1; i < hops.Count; i++)
                {
                    var (left, right) = (Box(hops[i - 1].GetProperty("rect")), Box(hops[i].GetProperty("rect")));
                    Assert.True(left.Right < right.Left, $"hop {i} overlaps hop {i - 1}");
                    var via = drawn.GetProperty("vias")[i - 1];
                    var label = Box(via.GetProperty("box"));
                    Assert.True(label.Left >= left.Right && label.Right <= right.Left, $"relation '{via.GetProperty("text").GetString()}' runs into a box");
                }
            }

            // The screenshot shows the member hops framed in the severity's colour, not a blank or unstyled image.
            var png = Png.Open(screenshot);
            // The member hops' frame colour, as the report wrote it for the path's severity.
            var stroke = paths[0].GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("stroke").GetString()!).First(c => c != "#999");
            var colour = (R: Convert.ToInt32(stroke[1..3], 16), G: Convert.ToInt32(stroke[3..5], 16), B: Convert.ToInt32(stroke[5..7], 16));
            var framed = 0;
            for (var y = 0; y < png.Height; y++)
            {
                for (var x = 0; x < png.Width; x++)
                {
                    var p = png.GetPixel(x, y);
                    if (Math.Abs(p.R - colour.R) < 24 && Math.Abs(p.G - colour.G) < 24 && Math.Abs(p.B - colour.B) < 24)
                    {
                        framed++;
                    }
                }
            }

            Assert.True(framed > 300, $"{framed} pixels in the {severity} colour in a {png.Width}x{png.Height} screenshot");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (double Left, double Top, double Right, double Bottom) Box(JsonElement e) =>
        (e[0].GetDouble(), e[1].GetDouble(), e[2].GetDouble(), e[3].GetDouble());

    private static bool Inside((double Left, double Top, double Right, double Bottom) inner, (double Left, double Top, double Right, double Bottom) outer) =>
        inner.Left >= outer.Left - 0.5 && inner.Right <= outer.Right + 0.5 && inner.Top >= outer.Top - 0.5 && inner.Bottom <= outer.Bottom + 0.5;
}

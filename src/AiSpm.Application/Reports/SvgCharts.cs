using System.Globalization;
using System.Net;
using System.Text;

namespace AiSpm.Application.Reports;

/// <summary>Small inline SVG charts (no script, no external resource), so the report opens offline.</summary>
internal static class SvgCharts
{
    /// <summary>Horizontal bars: one row per label, scaled to the largest value.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, int Value, string Color)> rows)
    {
        const int rowHeight = 24;
        const int labelWidth = 200;
        const int barWidth = 320;
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Value));
        var height = Math.Max(1, rows.Count) * rowHeight + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{Encode(title)}\" width=\"{labelWidth + barWidth + 60}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + barWidth + 60} {height}\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value, color) = rows[i];
            var y = i * rowHeight + 4;
            var width = value == 0 ? 0 : Math.Max(2, value * barWidth / max);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\">{Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"{rowHeight - 8}\" fill=\"{color}\"><title>{Encode(label)}: {value}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 16}\">{value}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A line of values over time with dots and the first and last labels.</summary>
    public static string Trend(string title, IReadOnlyList<(string Label, int Value)> points)
    {
        const int width = 580;
        const int height = 180;
        const int pad = 36;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{Encode(title)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{pad}\" y1=\"{height - pad}\" x2=\"{width - 10}\" y2=\"{height - pad}\" stroke=\"#999\"/>");
        if (points.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad}\" y=\"{height / 2}\">No closed runs yet.</text>");
            return svg.Append("</svg>").ToString();
        }

        var max = Math.Max(1, points.Max(p => p.Value));
        var step = points.Count == 1 ? 0 : (width - pad - 20) / (double)(points.Count - 1);
        var coordinates = points.Select((p, i) => (X: pad + (points.Count == 1 ? (width - pad) / 2.0 : i * step), Y: height - pad - (p.Value * (height - 2 * pad) / (double)max), p.Label, p.Value)).ToList();
        svg.Append("<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"")
            .AppendJoin(' ', coordinates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.X:F1},{c.Y:F1}")))
            .Append("\"/>");
        foreach (var c in coordinates)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{c.X:F1}\" cy=\"{c.Y:F1}\" r=\"4\" fill=\"#2563eb\"><title>{Encode(c.Label)}: {c.Value} open</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{c.X:F1}\" y=\"{c.Y - 8:F1}\" text-anchor=\"middle\">{c.Value}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad}\" y=\"{height - 12}\">{Encode(points[0].Label)}</text>");
        if (points.Count > 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - 10}\" y=\"{height - 12}\" text-anchor=\"end\">{Encode(points[^1].Label)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>One stacked bar of parts (e.g. failing / passing / not assessed controls).</summary>
    public static string Stack(string title, IReadOnlyList<(string Label, int Value, string Color)> parts)
    {
        const int width = 420;
        var total = Math.Max(1, parts.Sum(p => p.Value));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{Encode(title)}\" width=\"{width}\" height=\"22\" viewBox=\"0 0 {width} 22\">");
        var x = 0.0;
        foreach (var (label, value, color) in parts)
        {
            var w = value * width / (double)total;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"0\" width=\"{w:F1}\" height=\"22\" fill=\"{color}\"><title>{Encode(label)}: {value}</title></rect>");
            x += w;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// An attack path left to right: one box per hop (its name, and the member rules that make it a step), joined by
    /// arrows labelled with the relation that leads to the next hop; a hop with an active Defender alert is marked
    /// above its box. Long names are shortened; the full text is the box's tooltip.
    /// </summary>
    public static string AttackPath(string title, IReadOnlyList<Core.Rules.Paths.RecordedHop> hops, string color)
    {
        const int box = 200;
        const int gap = 110;
        const int height = 92;
        var width = Math.Max(1, hops.Count) * box + Math.Max(0, hops.Count - 1) * gap + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"path\" role=\"img\" aria-label=\"{Encode(title)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        for (var i = 0; i < hops.Count; i++)
        {
            var (id, name, via, rules) = (hops[i].NodeId, hops[i].Name, hops[i].Relation, hops[i].Rules);
            var x = 4 + i * (box + gap);
            if (i > 0)
            {
                var from = x - gap;
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{from + 2}\" y1=\"44\" x2=\"{x - 8}\" y2=\"44\" stroke=\"#555\" stroke-width=\"2\"/>")
                    .Append(CultureInfo.InvariantCulture, $"<polygon points=\"{x - 8},38 {x},44 {x - 8},50\" fill=\"#555\"/>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{from + (gap / 2)}\" y=\"36\" text-anchor=\"middle\" class=\"via\">{Encode(Fit(via ?? string.Empty, 10, gap - 12))}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{Encode(id)}{(rules.Count > 0 ? " — " + Encode(string.Join(", ", rules)) : string.Empty)}</title>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"16\" width=\"{box}\" height=\"56\" rx=\"6\" fill=\"#fff\" stroke=\"{(rules.Count > 0 ? color : "#999")}\" stroke-width=\"{(rules.Count > 0 ? 3 : 1)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (box / 2)}\" y=\"40\" text-anchor=\"middle\">{Encode(Fit(name, 12, box - 14))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (box / 2)}\" y=\"60\" text-anchor=\"middle\" class=\"rules\">{Encode(Fit(string.Join(", ", rules), 10, box - 14))}</text></g>")
                .Append(hops[i].Alerted ? string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x + 4}\" y=\"11\" class=\"alert\">⚠ active Defender alert</text>") : string.Empty);
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// <paramref name="text"/>, cut and ended with "…" where its width at <paramref name="fontSize"/> px would pass
    /// <paramref name="maxWidth"/> px. The width is estimated generously from per-glyph classes of the wide sans-serif
    /// faces browsers fall back to (DejaVu Sans, Verdana), so a label drawn in a narrower face still fits.
    /// </summary>
    private static string Fit(string text, double fontSize, double maxWidth)
    {
        double Width(char c) => fontSize * c switch
        {
            'i' or 'l' or 'j' or '.' or ',' or '\'' or '|' or '!' or ':' or ';' => 0.34,
            'f' or 't' or 'r' or 'I' or '-' or '(' or ')' or ' ' or '/' => 0.46,
            'm' or 'w' or 'M' or 'W' or '@' or '%' => 1.0,
            >= 'A' and <= 'Z' => 0.78,
            _ => 0.66,
        };

        var total = 0.0;
        for (var i = 0; i < text.Length; i++)
        {
            total += Width(text[i]);
            if (total > maxWidth)
            {
                // Cut back until the ellipsis fits too.
                var cut = i;
                var width = total - Width(text[i]);
                while (cut > 0 && width + fontSize > maxWidth)
                {
                    width -= Width(text[--cut]);
                }

                return text[..cut].TrimEnd() + "…";
            }
        }

        return text;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

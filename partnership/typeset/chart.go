package typeset

import (
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// ChartInfo is the info string of a fenced block that holds a chart: the block's body is the
// chart's JSON. In a Markdown viewer it reads as data; HTML draws it as SVG and PDF as vector
// graphics, so the three formats keep one source.
const ChartInfo = "chart"

// Chart is a horizontal bar chart with an optional threshold per bar.
type Chart struct {
	Title string  `json:"title"`
	Max   float64 `json:"max"`
	// ThresholdLabel names the threshold marks in the legend ("seuil", "threshold").
	ThresholdLabel string `json:"threshold_label,omitempty"`
	Bars           []Bar  `json:"bars"`
}

// Bar is one bar of a chart.
type Bar struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
	// Text is the value as printed beside the bar ("3 / 4"); the number itself by default.
	Text string `json:"text,omitempty"`
	// Threshold is drawn as a mark across the bar when it is above zero.
	Threshold float64 `json:"threshold,omitempty"`
}

// ChartBlock writes a chart as a fenced Markdown block. Tildes fence it, and JSON escapes any
// tilde or backtick inside, so no label can close the block early.
func ChartBlock(c Chart) string {
	data, _ := json.Marshal(c)
	s := strings.NewReplacer("~", `\u007e`, "`", `\u0060`).Replace(string(data))
	return "~~~" + ChartInfo + "\n" + s + "\n~~~"
}

// parseChart reads the body of a chart block.
func parseChart(body []byte) (Chart, error) {
	var c Chart
	if err := json.Unmarshal(body, &c); err != nil {
		return c, fmt.Errorf("chart: %w", err)
	}
	if c.Max <= 0 {
		for _, b := range c.Bars {
			c.Max = max(c.Max, b.Value, b.Threshold)
		}
	}
	if c.Max <= 0 {
		c.Max = 1
	}
	return c, nil
}

func (b Bar) text() string {
	if b.Text != "" {
		return b.Text
	}
	return strconv.FormatFloat(b.Value, 'f', -1, 64)
}

// chartBody returns the chart of a fenced block, if it is one.
func chartBody(n ast.Node, src []byte) (Chart, bool) {
	fb, ok := n.(*ast.FencedCodeBlock)
	if !ok || string(fb.Language(src)) != ChartInfo {
		return Chart{}, false
	}
	var body []byte
	for i := 0; i < fb.Lines().Len(); i++ {
		seg := fb.Lines().At(i)
		body = append(body, seg.Value(src)...)
	}
	c, err := parseChart(body)
	return c, err == nil
}

// SVG draws the chart as an inline SVG image, sized in CSS pixels.
func (c Chart) SVG() string {
	const labelW, barW, valueW, rowH, top = 150.0, 300.0, 60.0, 28.0, 30.0
	width := labelW + barW + valueW
	height := top + rowH*float64(len(c.Bars)) + 24
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="%g" height="%g" viewBox="0 0 %g %g" font-family="Liberation Serif, Times New Roman, serif" font-size="13">`, width, height, width, height)
	fmt.Fprintf(&b, `<title>%s</title>`, html.EscapeString(c.Title))
	fmt.Fprintf(&b, `<text x="0" y="16" font-weight="bold">%s</text>`, html.EscapeString(c.Title))
	for i, bar := range c.Bars {
		y := top + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="0" y="%g">%s</text>`, y+15, html.EscapeString(bar.Label))
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="16" fill="#eeeeee" stroke="#999999" stroke-width="0.5"/>`, labelW, y+3, barW)
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%.1f" height="16" fill="#1a4d8f"/>`, labelW, y+3, barW*min(bar.Value, c.Max)/c.Max)
		if bar.Threshold > 0 {
			x := labelW + barW*min(bar.Threshold, c.Max)/c.Max
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#b00020" stroke-width="2"/>`, x, y, x, y+22)
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g">%s</text>`, labelW+barW+8, y+15, html.EscapeString(bar.text()))
	}
	if c.ThresholdLabel != "" {
		y := top + rowH*float64(len(c.Bars)) + 12
		fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#b00020" stroke-width="2"/>`, labelW, y-9, labelW, y+3)
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="11">%s</text>`, labelW+6, y+2, html.EscapeString(c.ThresholdLabel))
	}
	b.WriteString("</svg></figure>\n")
	return b.String()
}

// chartRenderer draws chart blocks in HTML and leaves other code blocks to goldmark.
type chartRenderer struct {
	fallback renderer.NodeRendererFunc
}

func (r *chartRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *chartRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if c, ok := chartBody(n, src); ok {
		if entering {
			w.WriteString(c.SVG())
		}
		return ast.WalkSkipChildren, nil
	}
	if entering {
		w.WriteString("<pre><code>")
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			w.WriteString(html.EscapeString(string(seg.Value(src))))
		}
		w.WriteString("</code></pre>\n")
	}
	return ast.WalkSkipChildren, nil
}

// chart draws a chart in the PDF: labels, bars, values and threshold marks, in vector graphics.
func (w *pdfWriter) chart(n ast.Node) {
	c, ok := chartBody(n, w.src)
	if !ok {
		w.codeBlock(n)
		return
	}
	f := w.f
	const rowH, barH = 7.0, 4.2
	labelW := 45.0
	valueW := 18.0
	barW := w.x1 - w.x0 - labelW - valueW
	// The title goes with the first bars; a chart longer than a page goes on over the next.
	w.ensure(8 + rowH*float64(min(len(c.Bars), 3)) + 8)
	y := f.GetY() + 1
	w.font("B", 10)
	w.text(w.x0, y+4, w.clean(c.Title))
	y += 8
	w.font("", 9.5)
	for _, bar := range c.Bars {
		if y+rowH > w.bottom() {
			w.f.SetY(y)
			w.newPage()
			y = f.GetY() + 1
			w.font("", 9.5)
		}
		w.color = [3]uint8{}
		w.text(w.x0, y+barH-0.6, w.fit(w.clean(visualText(bar.Label, w.drawsForm)), labelW-2))
		f.SetDrawColor(150, 150, 150)
		f.SetLineWidth(0.15)
		f.SetFillColor(238, 238, 238)
		f.Rect(w.x0+labelW, y, barW, barH, "FD")
		f.SetFillColor(26, 77, 143)
		if v := barW * min(bar.Value, c.Max) / c.Max; v > 0 {
			f.Rect(w.x0+labelW, y, v, barH, "F")
		}
		if bar.Threshold > 0 {
			x := w.x0 + labelW + barW*min(bar.Threshold, c.Max)/c.Max
			f.SetDrawColor(176, 0, 32)
			f.SetLineWidth(0.6)
			f.Line(x, y-1.2, x, y+barH+1.2)
		}
		w.text(w.x0+labelW+barW+2.5, y+barH-0.6, w.clean(bar.text()))
		y += rowH
	}
	if c.ThresholdLabel != "" {
		if y+6 > w.bottom() {
			w.f.SetY(y)
			w.newPage()
			y = f.GetY() + 1
		}
		f.SetDrawColor(176, 0, 32)
		f.SetLineWidth(0.6)
		f.Line(w.x0+labelW, y, w.x0+labelW, y+4)
		w.font("I", 8.5)
		w.text(w.x0+labelW+2, y+3.2, w.clean(c.ThresholdLabel))
		y += 6
	}
	f.SetY(y + 3)
	w.setStyle(0)
}

package typeset

import "github.com/yuin/goldmark/ast"

// ChartOf returns the chart a fenced block of rendered Markdown holds (a block whose info string
// is ChartInfo), with its maximum filled in, so that other output formats draw the same chart
// from the same source. ok is false for any other block, or a chart whose JSON does not parse.
func ChartOf(n ast.Node, src []byte) (c Chart, ok bool) { return chartBody(n, src) }

// ValueText is the value of a bar as printed beside it ("3 / 4").
func (b Bar) ValueText() string { return b.text() }

package typeset

import "testing"

func TestShapeArabic(t *testing.T) {
	all := func(rune) bool { return true }
	tests := []struct {
		name, in, want string
		has            func(rune) bool
	}{
		{"initial, medial, final", "جمعية", "\uFE9F\uFEE4\uFECC\uFEF4\uFE94", all},
		{"letters that join only backwards", "الحديقة", "\uFE8D\uFEDF\uFEA4\uFEAA\uFEF3\uFED8\uFE94", all},
		{"lam-alef", "سلام", "\uFEB3\uFEFC\uFEE1", all},
		{"isolated letter between spaces", "و ب", "\uFEED \uFE8F", all},
		{"other text untouched", "Jardin 12 (Lyon)", "Jardin 12 (Lyon)", all},
		{"forms the font lacks are left alone", "جمعية", "جمعية", func(rune) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shapeArabic(tt.in, tt.has); got != tt.want {
				t.Errorf("shapeArabic(%q) = %+q, want %+q", tt.in, got, tt.want)
			}
		})
	}
}

package partnership

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestStarterSaysWhatItsCaseIs checks starter files for values that contradict the case they
// describe: a social criterion that is the ecological one, and a free service given a maximum
// fee and a free volume of water.
func TestStarterSaysWhatItsCaseIs(t *testing.T) {
	for _, lang := range []string{French, English} {
		for _, kind := range []Kind{KindCharter, KindConvention} {
			var doc struct {
				Access struct {
					Pricing map[string]any `yaml:"pricing"`
				} `yaml:"access"`
				Conditions struct {
					Social     []struct{ ID string } `yaml:"social"`
					Ecological []struct{ ID string } `yaml:"ecological"`
				} `yaml:"conditions"`
			}
			if err := yaml.Unmarshal(Scaffold(kind, lang), &doc); err != nil {
				t.Fatalf("%s %s: %v", kind, lang, err)
			}
			for _, s := range doc.Conditions.Social {
				for _, e := range doc.Conditions.Ecological {
					if s.ID == e.ID {
						t.Errorf("%s %s: criterion %q is both social and ecological", kind, lang, s.ID)
					}
				}
			}
			if doc.Access.Pricing["mode"] == "free" {
				for _, key := range []string{"max_fee", "unit", "free_volume"} {
					if v, ok := doc.Access.Pricing[key]; ok {
						t.Errorf("%s %s: free pricing with %s: %v", kind, lang, key, v)
					}
				}
			}
		}
	}
}

// Package score computes the scale of communality of a definition (after Rochfeld, Cornu and
// Martin, 2021) with a transparent, versioned rubric, checks the thresholds public support is
// conditioned on, and assesses the applications to a call for commons.
//
// The rubric never takes a level typed in as a number: every point comes from a declared fact
// (communality.facts, each with its evidence) or from what the definition itself says (an open
// licence, a citizens' college open to all with a veto), and the result lists which facts gave
// which level.
package score

import (
	"math"
	"slices"

	"github.com/commons-toolkit/commons/partnership"
)

// The rubric's identity, printed with every result so that a score can be traced to the rules
// that produced it.
const (
	RubricID      = "commons-communality"
	RubricVersion = "1.0.0"
)

// Axis is a criterion of the scale: common interest, or one of the three axes of inclusivity.
type Axis string

// The axes of the scale.
const (
	CommonInterest Axis = "common_interest"
	Use            Axis = "use"
	Governance     Axis = "governance"
	Preservation   Axis = "preservation"
)

// Axes lists the three axes of inclusivity, in the order the documents present them.
var Axes = []Axis{Use, Governance, Preservation}

// Rule is one line of the rubric: an axis reaches Level when every one of Needs is established.
// A need is a declared fact (communality.facts) or a derived one, whose name starts with
// "derived:".
type Rule struct {
	ID    string
	Axis  Axis
	Level int
	Needs []string
	// Text explains the rule in each language of the documents.
	Text map[string]string
}

// Derived facts: established from the definition rather than declared.
const (
	derivedOpenLicence     = "derived:open_licence"
	derivedOpenCollegeVeto = "derived:open_citizens_college_with_veto"
	derivedOpenCollege     = "derived:open_citizens_college"
	derivedEqualFreeAccess = "derived:equal_free_access"
	derivedPublicReporting = "derived:public_reporting"
)

// Rules is the rubric. Levels follow DESIGN: 0 discretionary exclusion, 1 closed membership,
// 2 open on published objective conditions, 3 open to anyone concerned with no financial
// barrier, 4 an enforceable right with a remedy. An axis takes the highest level whose rule is
// met, so a fact added can never lower a level.
var Rules = []Rule{
	{"use-members", Use, 1, []string{"use_restricted_to_members"}, map[string]string{
		"fr": "l’usage est réservé aux membres", "en": "use is restricted to members"}},
	{"use-published", Use, 2, []string{"use_on_published_conditions"}, map[string]string{
		"fr": "l’usage est ouvert selon des conditions objectives et publiées", "en": "use is open on objective, published conditions"}},
	{"use-open", Use, 2, []string{"use_open_to_anyone"}, map[string]string{
		"fr": "l’usage est ouvert à tous, sans garantie d’absence de barrière financière", "en": "use is open to anyone, but a financial barrier is not ruled out"}},
	{"use-open-free", Use, 3, []string{"use_open_to_anyone", "use_free_of_charge"}, map[string]string{
		"fr": "l’usage est ouvert à toute personne intéressée, sans barrière financière", "en": "use is open to anyone concerned, with no financial barrier"}},
	{"use-equal-free-access", Use, 3, []string{derivedEqualFreeAccess}, map[string]string{
		"fr": "le document garantit l’égalité d’accès et la gratuité", "en": "the document guarantees equal access free of charge"}},
	{"use-open-licence", Use, 3, []string{derivedOpenLicence}, map[string]string{
		"fr": "les ressources produites sont publiées sous licence libre", "en": "the resources produced are published under an open licence"}},
	{"use-right", Use, 4, []string{"use_enforceable_right", "use_open_to_anyone", "use_free_of_charge"}, map[string]string{
		"fr": "l’usage ouvert et gratuit est un droit opposable assorti d’une voie de recours", "en": "open, free use is an enforceable right with a remedy"}},
	{"governance-members", Governance, 1, []string{"governance_restricted_to_members"}, map[string]string{
		"fr": "la participation aux décisions est réservée aux membres", "en": "taking part in decisions is restricted to members"}},
	{"governance-published", Governance, 2, []string{"governance_on_published_conditions"}, map[string]string{
		"fr": "la participation aux décisions est ouverte selon des conditions objectives et publiées", "en": "taking part in decisions is open on objective, published conditions"}},
	{"governance-open", Governance, 2, []string{"governance_open_to_anyone"}, map[string]string{
		"fr": "la participation aux décisions est ouverte à tous, sans garantie d’absence de barrière financière", "en": "taking part in decisions is open to anyone, but a financial barrier is not ruled out"}},
	{"governance-open-college", Governance, 2, []string{derivedOpenCollege}, map[string]string{
		"fr": "un collège de citoyens est ouvert à toute personne intéressée", "en": "a citizens' college is open to anyone concerned"}},
	{"governance-open-free", Governance, 3, []string{"governance_open_to_anyone", "governance_free_of_charge"}, map[string]string{
		"fr": "la participation aux décisions est ouverte à toute personne intéressée, sans barrière financière", "en": "taking part in decisions is open to anyone concerned, with no financial barrier"}},
	{"governance-open-veto", Governance, 3, []string{"governance_open_to_anyone", "governance_users_veto"}, map[string]string{
		"fr": "la participation est ouverte à tous et les usagers disposent d’un droit de veto", "en": "taking part is open to anyone and users hold a veto"}},
	{"governance-college-veto", Governance, 3, []string{derivedOpenCollegeVeto}, map[string]string{
		"fr": "un collège de citoyens ouvert à tous dispose d’un droit de veto", "en": "a citizens' college open to anyone holds a veto"}},
	{"governance-right", Governance, 4, []string{"governance_enforceable_right", "governance_open_to_anyone", "governance_free_of_charge"}, map[string]string{
		"fr": "la participation ouverte et gratuite est un droit opposable assorti d’une voie de recours", "en": "open, free participation is an enforceable right with a remedy"}},
	{"control-members", Preservation, 1, []string{"control_restricted_to_members"}, map[string]string{
		"fr": "le contrôle de la ressource est réservé aux membres", "en": "control of the resource is restricted to members"}},
	{"control-published", Preservation, 2, []string{"control_on_published_conditions"}, map[string]string{
		"fr": "le contrôle est ouvert selon des conditions objectives et publiées", "en": "control is open on objective, published conditions"}},
	{"control-reporting", Preservation, 2, []string{"control_public_reporting"}, map[string]string{
		"fr": "les comptes rendus de gestion sont publics", "en": "management reports are public"}},
	{"control-derived-reporting", Preservation, 2, []string{derivedPublicReporting}, map[string]string{
		"fr": "le document organise un compte rendu public et une évaluation", "en": "the document provides for public reporting and evaluation"}},
	{"control-open", Preservation, 3, []string{"control_open_to_anyone", "control_public_reporting"}, map[string]string{
		"fr": "toute personne intéressée peut agir pour préserver la ressource, à partir de comptes rendus publics", "en": "anyone concerned may act to preserve the resource, from public reports"}},
	{"control-right", Preservation, 4, []string{"control_enforceable_right", "control_open_to_anyone", "control_public_reporting"}, map[string]string{
		"fr": "le contrôle ouvert est un droit opposable assorti d’une voie de recours", "en": "open control is an enforceable right with a remedy"}},
}

// commonInterestFacts are the three collective utilities of the criterion of common interest.
var commonInterestFacts = []string{"dedicated_to_common_use", "preservation_imperative", "common_management"}

// Source is a fact that counted, with where it comes from.
type Source struct {
	// Fact is the declared fact ("use_open_to_anyone") or the derived one ("derived:open_licence").
	Fact string `json:"fact"`
	// Pointer locates it in the definition: /communality/facts/3, /licences/0…
	Pointer   string                `json:"pointer"`
	Statement string                `json:"statement,omitempty"`
	Evidence  *partnership.Evidence `json:"evidence,omitempty"`
}

// Finding is a rule that was met: which level it gives to which axis, and why.
type Finding struct {
	Rule    string   `json:"rule"`
	Axis    Axis     `json:"axis"`
	Level   int      `json:"level"`
	Sources []Source `json:"sources"`
}

// Profile is the result of the rubric for one definition.
type Profile struct {
	Rubric  string `json:"rubric"`
	Version string `json:"version"`
	// CommonInterest counts the collective utilities backed by a binding clause (0 to 3).
	CommonInterest int `json:"common_interest"`
	// CommonInterestSources are the facts that gave those points.
	CommonInterestSources []Source `json:"common_interest_sources"`
	// Unbacked are common-interest facts declared without a clause or document to bind them:
	// they give no point.
	Unbacked     []Source `json:"unbacked,omitempty"`
	Use          int      `json:"use"`
	Governance   int      `json:"governance"`
	Preservation int      `json:"preservation"`
	// Degree is C/3 × geometric mean of the three axes / 4 × 100, rounded to one decimal.
	Degree float64 `json:"degree"`
	// Findings lists every rule met, including those superseded by a higher level.
	Findings []Finding `json:"findings"`
}

// Level returns the level of an axis.
func (p Profile) Level(a Axis) int {
	switch a {
	case CommonInterest:
		return p.CommonInterest
	case Use:
		return p.Use
	case Governance:
		return p.Governance
	case Preservation:
		return p.Preservation
	}
	return 0
}

// HasFacts reports whether a definition declares facts of the scale, which is what makes a
// communality assessment meaningful.
func HasFacts(def *partnership.Definition) bool {
	return def.Communality != nil && len(def.Communality.Facts) > 0
}

// Compute applies the rubric to a definition.
func Compute(def *partnership.Definition) Profile {
	p := Profile{Rubric: RubricID, Version: RubricVersion, Findings: []Finding{}, CommonInterestSources: []Source{}}
	facts := establish(def)
	for _, name := range commonInterestFacts {
		for _, s := range facts[name] {
			if s.Evidence != nil && (s.Evidence.Clause != "" || s.Evidence.Document != "") {
				p.CommonInterest++
				p.CommonInterestSources = append(p.CommonInterestSources, s)
				break
			}
		}
		if !slices.ContainsFunc(p.CommonInterestSources, func(s Source) bool { return s.Fact == name }) && len(facts[name]) > 0 {
			p.Unbacked = append(p.Unbacked, facts[name][0])
		}
	}
	for _, r := range Rules {
		var sources []Source
		met := true
		for _, need := range r.Needs {
			if len(facts[need]) == 0 {
				met = false
				break
			}
			sources = append(sources, facts[need][0])
		}
		if !met {
			continue
		}
		p.Findings = append(p.Findings, Finding{Rule: r.ID, Axis: r.Axis, Level: r.Level, Sources: sources})
		switch r.Axis {
		case Use:
			p.Use = max(p.Use, r.Level)
		case Governance:
			p.Governance = max(p.Governance, r.Level)
		case Preservation:
			p.Preservation = max(p.Preservation, r.Level)
		}
	}
	p.Degree = Degree(p.CommonInterest, p.Use, p.Governance, p.Preservation)
	return p
}

// Degree is the headline figure: C/3 × geometric mean(use, governance, preservation)/4 × 100,
// rounded to one decimal. A zero on any axis gives zero: a strong axis cannot hide a closed one.
func Degree(c, use, governance, preservation int) float64 {
	mean := math.Cbrt(float64(use * governance * preservation))
	d := float64(c) / 3 * mean / 4 * 100
	return math.Round(d*10) / 10
}

// establish gathers every fact the definition establishes, declared or derived, in the order
// of the definition.
func establish(def *partnership.Definition) map[string][]Source {
	facts := map[string][]Source{}
	add := func(s Source) { facts[s.Fact] = append(facts[s.Fact], s) }
	if def.Communality != nil {
		for i, f := range def.Communality.Facts {
			add(Source{Fact: f.Fact, Pointer: partnership.Pointer("communality", "facts", i), Statement: f.Statement, Evidence: f.Evidence})
		}
	}
	for i, l := range def.Licences {
		if partnership.OpenLicence(l.SPDX) {
			add(Source{Fact: derivedOpenLicence, Pointer: partnership.Pointer("licences", i), Statement: l.SPDX + " (" + l.AppliesTo + ")"})
			break
		}
	}
	if a := def.Access; a != nil && a.EqualAccess && a.NonDiscrimination && a.Pricing != nil && a.Pricing.Mode == "free" {
		add(Source{Fact: derivedEqualFreeAccess, Pointer: "/access"})
	}
	if g := def.Governance; g != nil {
		for i, c := range g.Colleges {
			if c.Category != partnership.CollegeCitizens || c.Admission != "open" {
				continue
			}
			add(Source{Fact: derivedOpenCollege, Pointer: partnership.Pointer("governance", "colleges", i), Statement: c.Name})
			for j, v := range g.Vetoes {
				if v.College == c.ID {
					add(Source{Fact: derivedOpenCollegeVeto, Pointer: partnership.Pointer("governance", "vetoes", j), Statement: c.Name})
					break
				}
			}
		}
		if g.Transparency != "" && def.Reporting != nil && def.Reporting.Evaluation != "" {
			add(Source{Fact: derivedPublicReporting, Pointer: "/governance/transparency"})
		}
	}
	return facts
}

package export

import (
	"encoding/json"
	"fmt"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
)

// NormalizedFormat names the shape of Normalized, and NormalizedVersion its version: a field
// that is removed or changes meaning gives a new version; new fields do not.
const (
	NormalizedFormat  = "commons-definition"
	NormalizedVersion = 1
)

// Normalized is the JSON shape of `commons export --format json`: a validated definition as
// other tools want it, with nothing left to infer.
type Normalized struct {
	// Format is always NormalizedFormat and Version NormalizedVersion.
	Format  string `json:"format"`
	Version int    `json:"version"`
	// File is the definition's path as diagnostics print it, and DefinitionSHA256 the SHA-256
	// of its bytes, the same digest rendered documents record.
	File             string `json:"file"`
	DefinitionSHA256 string `json:"definition_sha256"`
	// Definition is the definition with its defaults applied: every party says whether it
	// signs, and every grant names its recipient. Its keys are those of the JSON Schema. A text
	// the definition gives in several languages reads here in the definition's language; the
	// JSON form keeps every language, as the definition wrote it ({"fr": …, "en": …}).
	Definition *partnership.Definition `json:"definition"`
	// References lists every reference the definition makes to a party, college, decision
	// domain or grant, with the name of what it refers to, section by section in the order of the
	// schema.
	References []Reference `json:"references"`
	// Communality is the scale of communality computed from the definition (partnership/score),
	// with the thresholds that apply and whether they are met.
	Communality score.Result `json:"communality"`
	// texts are the texts the definition gives in several languages, by JSON pointer: in
	// Definition they read in the definition's language, and the JSON keeps them all (see
	// MarshalJSON).
	texts map[string]map[string]any
}

// Reference is one id a definition uses to name something it defines elsewhere.
type Reference struct {
	// Pointer is the JSON pointer of the value that holds the id, in the normalised definition.
	Pointer string `json:"pointer"`
	// Kind is what the id names: "party", "college", "domain" or "grant".
	Kind string `json:"kind"`
	ID   string `json:"id"`
	// Name is the name of what the id names (a grant, which has none, gives its purpose).
	Name string `json:"name"`
	// Default is true when the definition left the value out and the default was applied (the
	// recipient of a grant).
	Default bool `json:"default,omitempty"`
}

// Normalize builds the normalised form of a validated definition. call is the call an
// application answers, when known, whose thresholds then apply; pass nil otherwise. The
// document's own Definition is left untouched.
func Normalize(doc *partnership.Document, call *partnership.Definition) (Normalized, error) {
	def, err := clone(doc.Definition)
	if err != nil {
		return Normalized{}, fmt.Errorf("normalise %s: %w", doc.File, err)
	}
	var refs []Reference
	add := func(pointer, kind, id, name string, implicit bool) {
		if id != "" {
			refs = append(refs, Reference{Pointer: pointer, Kind: kind, ID: id, Name: name, Default: implicit})
		}
	}
	partyName := func(id string) string {
		if p := def.PartyByID(id); p != nil {
			return p.Name
		}
		return ""
	}
	partyRef := func(pointer, id string) { add(pointer, "party", id, partyName(id), false) }

	for i := range def.Parties {
		if def.Parties[i].Signs == nil {
			yes := true
			def.Parties[i].Signs = &yes
		}
	}
	if c := def.Commons; c != nil {
		partyRef("/commons/owner", c.Owner)
	}
	for i, a := range def.Actions {
		partyRef(fmt.Sprintf("/actions/%d/party", i), a.Party)
	}
	for i, c := range def.Commitments {
		partyRef(fmt.Sprintf("/commitments/%d/party", i), c.Party)
	}
	if g := def.Governance; g != nil {
		colleges, domains := map[string]string{}, map[string]string{}
		for _, c := range g.Colleges {
			colleges[c.ID] = c.Name
		}
		for _, d := range g.Domains {
			domains[d.ID] = d.Name
		}
		for i, c := range g.Colleges {
			for j, m := range c.Members {
				partyRef(fmt.Sprintf("/governance/colleges/%d/members/%d", i, j), m)
			}
			for j, d := range c.MajorityOn {
				add(fmt.Sprintf("/governance/colleges/%d/majority_on/%d", i, j), "domain", d, domains[d], false)
			}
		}
		for i, r := range g.Rules {
			add(fmt.Sprintf("/governance/rules/%d/domain", i), "domain", r.Domain, domains[r.Domain], false)
		}
		for i, v := range g.Vetoes {
			add(fmt.Sprintf("/governance/vetoes/%d/college", i), "college", v.College, colleges[v.College], false)
			for j, d := range v.Domains {
				add(fmt.Sprintf("/governance/vetoes/%d/domains/%d", i, j), "domain", d, domains[d], false)
			}
		}
	}
	if a := def.Access; a != nil && a.Continuity != nil {
		partyRef("/access/continuity/guarantor", a.Continuity.Guarantor)
	}
	if s := def.Subsidiarity; s != nil {
		partyRef("/subsidiarity/initiative", s.Initiative)
		if s.LastResort != nil {
			partyRef("/subsidiarity/last_resort/guarantor", s.LastResort.Guarantor)
		}
	}
	if s := def.Support; s != nil {
		purposes := map[string]string{}
		for i := range s.Grants {
			g := &s.Grants[i]
			purposes[g.ID] = g.Purpose
			partyRef(fmt.Sprintf("/support/grants/%d/funder", i), g.Funder)
			implicit := g.Recipient == ""
			g.Recipient = def.GrantRecipient(*g)
			add(fmt.Sprintf("/support/grants/%d/recipient", i), "party", g.Recipient, partyName(g.Recipient), implicit)
		}
		for i, p := range s.PaymentSchedule {
			add(fmt.Sprintf("/support/payment_schedule/%d/grant", i), "grant", p.Grant, purposes[p.Grant], false)
		}
		for i, k := range s.InKind {
			partyRef(fmt.Sprintf("/support/in_kind/%d/provider", i), k.Provider)
		}
	}
	if in := def.Insurance; in != nil {
		for i, p := range in.Policies {
			partyRef(fmt.Sprintf("/insurance/policies/%d/party", i), p.Party)
		}
	}
	if t := def.Termination; t != nil {
		for i, a := range t.Assets {
			partyRef(fmt.Sprintf("/termination/assets/%d/owner", i), a.Owner)
		}
	}
	if c := def.Call; c != nil {
		for i, id := range c.Issuers {
			partyRef(fmt.Sprintf("/call/issuers/%d", i), id)
		}
	}
	if a := def.Application; a != nil {
		partyRef("/application/applicant", a.Applicant)
	}
	if refs == nil {
		refs = []Reference{}
	}
	texts := map[string]map[string]any{}
	multilingual(doc.Value, partnership.Schema().Root, "", texts)
	return Normalized{
		texts:            texts,
		Format:           NormalizedFormat,
		Version:          NormalizedVersion,
		File:             doc.File,
		DefinitionSHA256: doc.Digest,
		Definition:       def,
		References:       refs,
		Communality:      score.Evaluate(def, call),
	}, nil
}

// clone copies a definition deeply, so that defaults can be applied to the copy.
func clone(def *partnership.Definition) (*partnership.Definition, error) {
	raw, err := json.Marshal(def)
	if err != nil {
		return nil, err
	}
	var out partnership.Definition
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

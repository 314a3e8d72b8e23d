package partnership

import "strings"

// Kind names the document a definition describes.
type Kind string

// The four document kinds.
const (
	KindCharter     Kind = "charter"
	KindConvention  Kind = "convention"
	KindCall        Kind = "call"
	KindApplication Kind = "application"
)

// Kinds lists every document kind in the order the documentation presents them.
var Kinds = []Kind{KindCharter, KindConvention, KindCall, KindApplication}

// Definition is one partnership document as its author declared it: a charter, a convention
// (collaboration pact), a call for commons or an application to such a call.
// Field names follow the keys of schema/partnership.schema.json.
type Definition struct {
	Schema string `json:"$schema,omitempty"`
	Kind   Kind   `json:"kind"`
	Lang   string `json:"lang"`
	// Jurisdiction is the ISO 3166-1 alpha-2 code of the country whose law governs the document;
	// empty means France (see Country).
	Jurisdiction string `json:"jurisdiction,omitempty"`
	ID           string `json:"id"`
	Title        string `json:"title"`
	Templates    string `json:"templates,omitempty"`
	Date         string `json:"date,omitempty"`
	Place        string `json:"place,omitempty"`
	Variant      string `json:"variant,omitempty"`
	// Binding is nil when unset: a charter or convention is legally binding unless it says otherwise.
	Binding *bool `json:"binding,omitempty"`
	// Instrument says what the document is where its kind is not precise enough: a compact, a
	// declaration of civic use, a collaboration pact, a concession of use… (see Noun).
	Instrument string `json:"instrument,omitempty"`
	// Currency is the ISO 4217 code of every amount of the document; empty means euros (see
	// CurrencyCode).
	Currency string `json:"currency,omitempty"`
	// Notice is the form of the notices the parties give each other: "registered_letter" or
	// "writing"; empty means the clause library's default for the jurisdiction, else writing.
	Notice       string        `json:"notice,omitempty"`
	Summary      string        `json:"summary,omitempty"`
	Parties      []Party       `json:"parties,omitempty"`
	LegalBasis   []string      `json:"legal_basis,omitempty"`
	Recitals     []string      `json:"recitals,omitempty"`
	Commons      *Commons      `json:"commons,omitempty"`
	Objectives   []string      `json:"objectives,omitempty"`
	Actions      []Action      `json:"actions,omitempty"`
	Duration     *Duration     `json:"duration,omitempty"`
	Commitments  []Commitment  `json:"commitments,omitempty"`
	Governance   *Governance   `json:"governance,omitempty"`
	Access       *Access       `json:"access,omitempty"`
	Subsidiarity *Subsidiarity `json:"subsidiarity,omitempty"`
	Support      *Support      `json:"support,omitempty"`
	Conditions   *Conditions   `json:"conditions,omitempty"`
	Communality  *Communality  `json:"communality,omitempty"`
	Licences     []Licence     `json:"licences,omitempty"`
	Reporting    *Reporting    `json:"reporting,omitempty"`
	Insurance    *Insurance    `json:"insurance,omitempty"`
	Volunteers   *Volunteers   `json:"volunteers,omitempty"`
	Suspension   *Suspension   `json:"suspension,omitempty"`
	Termination  *Termination  `json:"termination,omitempty"`
	Disputes     *Disputes     `json:"disputes,omitempty"`
	Annexes      []Annex       `json:"annexes,omitempty"`
	Charter      *Charter      `json:"charter,omitempty"`
	Call         *Call         `json:"call,omitempty"`
	Application  *Application  `json:"application,omitempty"`
}

// DefaultJurisdiction is the law a definition without a jurisdiction is governed by: the toolkit
// was first written for French partnerships, and such definitions keep their meaning.
const DefaultJurisdiction = "FR"

// Country returns the jurisdiction of the document: its own, else DefaultJurisdiction.
func (d *Definition) Country() string {
	if d.Jurisdiction == "" {
		return DefaultJurisdiction
	}
	return d.Jurisdiction
}

// IsBinding reports whether the document creates obligations its parties can enforce: true
// unless it says otherwise.
func (d *Definition) IsBinding() bool { return d.Binding == nil || *d.Binding }

// Role is the part a party plays in a partnership.
type Role string

// The roles a party may hold.
const (
	RolePublicAuthority   Role = "public_authority"
	RoleCitizenCollective Role = "citizen_collective"
	RoleOperator          Role = "operator"
	RoleFunder            Role = "funder"
	RoleGuarantor         Role = "guarantor"
)

// LegalStatus is the legal nature of a party.
type LegalStatus string

// The legal statuses a party may have.
const (
	StatusPublicBody    LegalStatus = "public_body"
	StatusAssociation   LegalStatus = "association"
	StatusFoundation    LegalStatus = "foundation"
	StatusCooperative   LegalStatus = "cooperative"
	StatusCompany       LegalStatus = "company"
	StatusInformalGroup LegalStatus = "informal_group"
	StatusOther         LegalStatus = "other"
)

// Party is a legal or natural person, or an informal group, bound by or named in the document.
type Party struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Designation string `json:"designation,omitempty"`
	// Gender ("masculine" or "feminine") and Plural say how French agrees with the designation
	// when its article does not show it.
	Gender         string          `json:"gender,omitempty"`
	Plural         bool            `json:"plural,omitempty"`
	Role           Role            `json:"role"`
	LegalStatus    LegalStatus     `json:"legal_status,omitempty"`
	LegalForm      string          `json:"legal_form,omitempty"`
	SIRET          string          `json:"siret,omitempty"`
	RNA            string          `json:"rna,omitempty"`
	Address        string          `json:"address,omitempty"`
	Representative *Representative `json:"representative,omitempty"`
	// Contact is the person through whom a group without legal personality acts, in place of a
	// representative.
	Contact *Contact `json:"contact,omitempty"`
	// Signs is nil when unset: every party signs unless it says otherwise.
	Signs *bool `json:"signs,omitempty"`
}

// Status returns the legal status of the party: the one it declares, else the one its role, RNA
// number or legal form show (an RNA number or a legal form naming an association make an
// association), else StatusOther. An informal group always says so.
func (p Party) Status() LegalStatus {
	if p.LegalStatus != "" {
		return p.LegalStatus
	}
	form := strings.ToLower(p.LegalForm)
	switch {
	case p.Role == RolePublicAuthority:
		return StatusPublicBody
	case p.RNA != "" || strings.Contains(form, "association"):
		return StatusAssociation
	case strings.Contains(form, "fondation") || strings.Contains(form, "foundation"):
		return StatusFoundation
	case strings.Contains(form, "coopérati") || strings.Contains(form, "cooperative") || strings.Contains(form, "scic"):
		return StatusCooperative
	}
	return StatusOther
}

// HasLegalPersonality reports whether the party is a legal or natural person, able to hold
// money, sign in its own name and keep accounts: every party but an informal group.
func (p Party) HasLegalPersonality() bool { return p.Status() != StatusInformalGroup }

// IsPrivateBody reports whether the party is a body governed by private law: an association, a
// foundation, a cooperative, a company or another private legal person.
func (p Party) IsPrivateBody() bool {
	s := p.Status()
	return s != StatusPublicBody && s != StatusInformalGroup
}

// Representative is the natural person who signs for a party and the capacity in which they act.
type Representative struct {
	Name      string `json:"name"`
	Capacity  string `json:"capacity"`
	Authority string `json:"authority,omitempty"`
}

// Contact is the natural person through whom a group without legal personality acts and
// receives correspondence.
type Contact struct {
	Name     string `json:"name"`
	Capacity string `json:"capacity,omitempty"`
	Email    string `json:"email,omitempty"`
	Phone    string `json:"phone,omitempty"`
}

// Commons describes the shared resource the document is about.
type Commons struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	// Owner is the id of a party, or absent when the resource has no owner (a digital commons).
	Owner      string `json:"owner,omitempty"`
	OwnerName  string `json:"owner_name,omitempty"`
	Location   string `json:"location,omitempty"`
	Perimeter  string `json:"perimeter,omitempty"`
	Dedication string `json:"dedication"`
}

// Action is one thing a party undertakes to do to reach the objectives.
type Action struct {
	ID          string `json:"id,omitempty"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Party       string `json:"party,omitempty"`
	Schedule    string `json:"schedule,omitempty"`
}

// Duration is how long the document binds its parties and how it renews.
type Duration struct {
	Start   string   `json:"start"`
	End     string   `json:"end,omitempty"`
	Months  int      `json:"months,omitempty"`
	Renewal *Renewal `json:"renewal,omitempty"`
}

// Renewal says whether and how the document is renewed at its term.
type Renewal struct {
	Mode         string `json:"mode"`
	PeriodMonths int    `json:"period_months,omitempty"`
	MaxRenewals  int    `json:"max_renewals,omitempty"`
	NoticeMonths int    `json:"notice_months,omitempty"`
}

// Commitment gathers what one party undertakes.
type Commitment struct {
	Party string   `json:"party"`
	Items []string `json:"items"`
}

// Governance describes how decisions about the commons are taken.
type Governance struct {
	Body             string    `json:"body,omitempty"`
	MultiStakeholder bool      `json:"multi_stakeholder,omitempty"`
	Colleges         []College `json:"colleges,omitempty"`
	Domains          []Domain  `json:"domains,omitempty"`
	Rules            []Rule    `json:"rules,omitempty"`
	Vetoes           []Veto    `json:"vetoes,omitempty"`
	MeetingsPerYear  int       `json:"meetings_per_year,omitempty"`
	Transparency     string    `json:"transparency,omitempty"`
	// Bodies are the bodies of the governance when there are several or their roles differ.
	Bodies []Body `json:"bodies,omitempty"`
}

// Body is one body of the governance: an open assembly, a working table, a guarantors'
// committee, a joint follow-up commission.
type Body struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Role is decision, working_group, control, follow_up or advisory.
	Role string `json:"role"`
	// Membership is open (anyone concerned) or seats (the seats listed).
	Membership string `json:"membership"`
	Seats      []Seat `json:"seats,omitempty"`
	// Parity says that every member holds the same number of seats.
	Parity          bool     `json:"parity,omitempty"`
	Method          string   `json:"method,omitempty"`
	Threshold       float64  `json:"threshold,omitempty"`
	Decides         []string `json:"decides,omitempty"`
	Remit           string   `json:"remit,omitempty"`
	MeetingsPerYear int      `json:"meetings_per_year,omitempty"`
}

// Seat is the number of seats one party or one college holds in a body.
type Seat struct {
	Party   string `json:"party,omitempty"`
	College string `json:"college,omitempty"`
	Seats   int    `json:"seats"`
}

// CollegeCategory is the constituency a college represents, after the three colleges of the policy paper.
type CollegeCategory string

// The college categories of a multi-stakeholder governance.
const (
	CollegePublic    CollegeCategory = "public_actors"
	CollegeOperators CollegeCategory = "operators"
	CollegeCitizens  CollegeCategory = "citizens"
	CollegeOther     CollegeCategory = "other"
)

// College is a group of members that holds seats and votes as a constituency.
type College struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Category    CollegeCategory `json:"category"`
	Seats       int             `json:"seats"`
	Composition string          `json:"composition,omitempty"`
	Members     []string        `json:"members,omitempty"`
	Admission   string          `json:"admission"`
	MajorityOn  []string        `json:"majority_on,omitempty"`
}

// Domain is a field of decisions (budget, work organisation, pricing…).
type Domain struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// Rule is the voting rule that applies to one decision domain.
type Rule struct {
	Domain string `json:"domain"`
	Method string `json:"method"`
	// Threshold is the share of votes cast needed under a qualified majority, as a fraction (0.5 < t ≤ 1).
	Threshold float64 `json:"threshold,omitempty"`
	// Quorum is the share of seats that must be present, as a fraction (0 < q ≤ 1).
	Quorum float64 `json:"quorum,omitempty"`
}

// Veto lets one college block decisions in some domains.
type Veto struct {
	College string   `json:"college"`
	Domains []string `json:"domains"`
	Purpose string   `json:"purpose,omitempty"`
	// Override says how a veto can be lifted, if at all.
	Override string `json:"override,omitempty"`
	// LimitedTo limits the veto to some decisions of its domains: "price_increase".
	LimitedTo string `json:"limited_to,omitempty"`
}

// Access holds the guarantees of access to the service and of its continuity.
type Access struct {
	EqualAccess       bool        `json:"equal_access"`
	NonDiscrimination bool        `json:"non_discrimination"`
	Pricing           *Pricing    `json:"pricing,omitempty"`
	Accessibility     string      `json:"accessibility,omitempty"`
	OpeningHours      string      `json:"opening_hours,omitempty"`
	MinimumService    string      `json:"minimum_service,omitempty"`
	Inalienable       bool        `json:"inalienable"`
	Continuity        *Continuity `json:"continuity,omitempty"`
}

// Pricing is how users pay for the service, if they pay.
type Pricing struct {
	Mode        string  `json:"mode"`
	Description string  `json:"description,omitempty"`
	MaxFee      float64 `json:"max_fee,omitempty"`
	// Unit is the unit the service is measured in (m³, kWh), for the free volume and tranches.
	Unit       string      `json:"unit,omitempty"`
	FreeVolume *FreeVolume `json:"free_volume,omitempty"`
	Tranches   []Tranche   `json:"tranches,omitempty"`
}

// FreeVolume is a vital volume supplied free of charge.
type FreeVolume struct {
	Volume float64 `json:"volume"`
	// Per is person, household or connection; Period is day, month or year.
	Per    string `json:"per"`
	Period string `json:"period"`
}

// Tranche is one tranche of a price by tranches: it applies up to UpTo units (the last one,
// with UpTo zero, beyond the previous tranche) at Price per unit.
type Tranche struct {
	UpTo  float64 `json:"up_to,omitempty"`
	Price float64 `json:"price"`
}

// Continuity says what happens when the collective can no longer run the service.
type Continuity struct {
	OnFailure  string `json:"on_failure"`
	Guarantor  string `json:"guarantor,omitempty"`
	NoticeDays int    `json:"notice_days,omitempty"`
	Details    string `json:"details,omitempty"`
}

// Subsidiarity records the horizontal subsidiarity arrangement: whose initiative it is, what the
// public body commits to, and how it stays guarantor of last resort.
type Subsidiarity struct {
	Initiative        string      `json:"initiative"`
	InitiativeSummary string      `json:"initiative_summary,omitempty"`
	PublicCommitments []string    `json:"public_commitments,omitempty"`
	LastResort        *LastResort `json:"last_resort,omitempty"`
}

// LastResort names the public guarantor of last resort and the conditions of a takeover.
type LastResort struct {
	Guarantor string `json:"guarantor"`
	Trigger   string `json:"trigger,omitempty"`
	Takeover  string `json:"takeover,omitempty"`
}

// Support is the public support given to the commons: grants, payments and support in kind.
type Support struct {
	Grants          []Grant   `json:"grants,omitempty"`
	PaymentSchedule []Payment `json:"payment_schedule,omitempty"`
	InKind          []InKind  `json:"in_kind,omitempty"`
	BudgetTotal     float64   `json:"budget_total,omitempty"`
}

// Grant is a sum of money one funder grants to one recipient.
type Grant struct {
	ID     string `json:"id,omitempty"`
	Funder string `json:"funder"`
	// Recipient is the id of the party that receives the money; when empty, the document's only
	// citizen collective or operator (see Definition.GrantRecipient).
	Recipient string  `json:"recipient,omitempty"`
	Amount    float64 `json:"amount"`
	// Rate is the share of eligible costs the grant covers, in percent.
	Rate          float64 `json:"rate,omitempty"`
	EligibleCosts float64 `json:"eligible_costs,omitempty"`
	Nature        string  `json:"nature,omitempty"`
	Purpose       string  `json:"purpose,omitempty"`
	Year          int     `json:"year,omitempty"`
	// Decision is the reference of the act that decides the grant (a deliberation number).
	Decision string `json:"decision,omitempty"`
	// EUNotification says whether the grant is State aid notified to the European Commission.
	EUNotification bool `json:"eu_notification,omitempty"`
}

// GrantRecipient returns the id of the party that receives a grant: its recipient when given,
// else the document's only party with role citizen_collective or operator, else "" (there is
// none, or several and the grant must say which).
func (d *Definition) GrantRecipient(g Grant) string {
	if g.Recipient != "" {
		return g.Recipient
	}
	found := ""
	for _, p := range d.Parties {
		if p.Role == RoleCitizenCollective || p.Role == RoleOperator {
			if found != "" {
				return ""
			}
			found = p.ID
		}
	}
	return found
}

// PartyByID returns the party with the given id, or nil.
func (d *Definition) PartyByID(id string) *Party {
	for i := range d.Parties {
		if d.Parties[i].ID == id {
			return &d.Parties[i]
		}
	}
	return nil
}

// Payment is one instalment of the payment schedule.
type Payment struct {
	Grant     string  `json:"grant,omitempty"`
	Date      string  `json:"date,omitempty"`
	Amount    float64 `json:"amount"`
	Condition string  `json:"condition,omitempty"`
}

// InKind is support given otherwise than in money: premises, staff, equipment, a fee waiver.
type InKind struct {
	Type        string  `json:"type"`
	Provider    string  `json:"provider"`
	Description string  `json:"description"`
	Value       float64 `json:"value,omitempty"`
}

// Conditions are the criteria every public support is conditioned on.
type Conditions struct {
	Social     []Criterion `json:"social,omitempty"`
	Ecological []Criterion `json:"ecological,omitempty"`
	// Criteria are conditions of any category (transparency, open data, democratic life…).
	Criteria     []Condition `json:"criteria,omitempty"`
	Thresholds   *Thresholds `json:"thresholds,omitempty"`
	Verification string      `json:"verification,omitempty"`
	OnBreach     string      `json:"on_breach,omitempty"`
}

// Criterion is one pass/fail social or ecological condition.
type Criterion struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Check       string `json:"check,omitempty"`
	Met         *bool  `json:"met,omitempty"`
}

// Condition is a pass/fail condition of public support in a category of its own.
type Condition struct {
	ID string `json:"id"`
	// Category is social, ecological, transparency, open_data, democratic_life, economic or other.
	Category    string `json:"category"`
	Description string `json:"description"`
	Check       string `json:"check,omitempty"`
	Met         *bool  `json:"met,omitempty"`
}

// Thresholds are minimum levels on the scale of communality.
type Thresholds struct {
	Degree         float64 `json:"degree,omitempty"`
	CommonInterest int     `json:"common_interest,omitempty"`
	Use            int     `json:"use,omitempty"`
	Governance     int     `json:"governance,omitempty"`
	Preservation   int     `json:"preservation,omitempty"`
}

// Communality gathers the declared facts from which the scale of communality is computed.
type Communality struct {
	Facts []Fact `json:"facts"`
}

// Fact is one declared fact of the communality scale, with the evidence that backs it.
type Fact struct {
	Fact      string    `json:"fact"`
	Statement string    `json:"statement,omitempty"`
	Evidence  *Evidence `json:"evidence,omitempty"`
}

// Evidence points at what proves a fact: a web page, a clause of the document, a document.
type Evidence struct {
	URL      string `json:"url,omitempty"`
	Clause   string `json:"clause,omitempty"`
	Document string `json:"document,omitempty"`
}

// Licence is the licence under which something the partnership produces is published.
type Licence struct {
	SPDX      string `json:"spdx"`
	AppliesTo string `json:"applies_to"`
	Note      string `json:"note,omitempty"`
}

// Reporting says what the collective reports, when, and against which indicators.
type Reporting struct {
	Frequency  string      `json:"frequency"`
	Due        string      `json:"due,omitempty"`
	Contents   []string    `json:"contents,omitempty"`
	Indicators []Indicator `json:"indicators,omitempty"`
	Evaluation string      `json:"evaluation,omitempty"`
	// Instruments are the evaluations carried out beside the reports.
	Instruments []EvaluationInstrument `json:"instruments,omitempty"`
	Control     string                 `json:"control,omitempty"`
}

// EvaluationInstrument is an evaluation carried out beside the reports, such as a community
// balance every two years.
type EvaluationInstrument struct {
	Name         string   `json:"name"`
	PeriodMonths int      `json:"period_months,omitempty"`
	Dimensions   []string `json:"dimensions,omitempty"`
	// By are the parties that carry it out; Evaluator who does when it is not a party.
	By        []string `json:"by,omitempty"`
	Evaluator string   `json:"evaluator,omitempty"`
	Published bool     `json:"published,omitempty"`
}

// Indicator is a measure the parties follow, with its target.
type Indicator struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Target string `json:"target,omitempty"`
	Source string `json:"source,omitempty"`
}

// Insurance lists the covers each party must hold and the allocation of liability.
type Insurance struct {
	Policies  []Policy `json:"policies,omitempty"`
	Liability string   `json:"liability,omitempty"`
}

// Policy is an insurance cover one party must hold.
type Policy struct {
	Party     string  `json:"party"`
	Cover     string  `json:"cover"`
	MinAmount float64 `json:"min_amount,omitempty"`
}

// Termination sets how the document ends early and what happens to the assets.
type Termination struct {
	NoticeMonths int `json:"notice_months,omitempty"`
	CureDays     int `json:"cure_days,omitempty"`
	// GeneralInterest is nil when unset: whether the public authorities may end the document
	// on grounds of general interest then depends on the jurisdiction's default.
	GeneralInterest *bool    `json:"general_interest,omitempty"`
	Grounds         []string `json:"grounds,omitempty"`
	Assets          []Asset  `json:"assets,omitempty"`
	ReturnOfAssets  string   `json:"return_of_assets,omitempty"`
}

// Suspension is a temporary measure, distinct from termination.
type Suspension struct {
	Grounds   []string `json:"grounds"`
	DecidedBy []string `json:"decided_by"`
	// Scope is what the suspension stops, when it is not the performance of the whole document.
	Scope   string `json:"scope,omitempty"`
	Notice  string `json:"notice,omitempty"`
	Ends    string `json:"ends,omitempty"`
	MaxDays int    `json:"max_days,omitempty"`
}

// Volunteers says how the volunteers who take part in the activities are treated and insured.
type Volunteers struct {
	Unpaid   bool   `json:"unpaid,omitempty"`
	Expenses string `json:"expenses,omitempty"`
	// Insurer is the id of the party that insures the volunteers.
	Insurer string `json:"insurer,omitempty"`
	Cover   string `json:"cover,omitempty"`
}

// Asset is a good used or produced under the document, and its fate at the end.
type Asset struct {
	Description string `json:"description"`
	Owner       string `json:"owner,omitempty"`
	OnEnd       string `json:"on_end"`
}

// Disputes sets the path to settle a disagreement: conciliation first, then a court.
type Disputes struct {
	Conciliation *Conciliation `json:"conciliation,omitempty"`
	Mediation    string        `json:"mediation,omitempty"`
	Court        string        `json:"court,omitempty"`
	// InterimRelief lets a party apply to the court for interim or protective measures, in an
	// emergency or to preserve its rights, before conciliation has ended. Without it, the court
	// is seised only after conciliation has failed.
	InterimRelief bool `json:"interim_relief,omitempty"`
}

// Conciliation is the amicable step every dispute goes through first.
type Conciliation struct {
	Body string `json:"body"`
	Days int    `json:"days,omitempty"`
}

// Annex is a document attached to the main one.
type Annex struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
}

// Charter holds what only a charter of the commons has.
type Charter struct {
	Preamble    string       `json:"preamble,omitempty"`
	Values      []string     `json:"values,omitempty"`
	Definitions []Term       `json:"definitions,omitempty"`
	Principles  []Principle  `json:"principles,omitempty"`
	Instruments []Instrument `json:"instruments,omitempty"`
	Procedure   []string     `json:"procedure,omitempty"`
	ReviewYears int          `json:"review_years,omitempty"`
	// AdoptedBy and RecognisedBy are party ids: a charter may be adopted by a community and
	// recognised by a public body.
	AdoptedBy       []string `json:"adopted_by,omitempty"`
	RecognisedBy    []string `json:"recognised_by,omitempty"`
	Recognition     string   `json:"recognition,omitempty"`
	OpenToAccession bool     `json:"open_to_accession,omitempty"`
}

// Term is a word the charter defines.
type Term struct {
	Term       string `json:"term"`
	Definition string `json:"definition"`
}

// Principle is one principle of a charter, with its explanation.
type Principle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Instrument is a legal or practical tool a charter makes available (a pact, a call, premises).
type Instrument struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Call holds what only a call for commons has.
type Call struct {
	Edition        string       `json:"edition,omitempty"`
	Issuers        []string     `json:"issuers"`
	Context        string       `json:"context"`
	CommonsMeaning string       `json:"commons_meaning"`
	Challenges     []Challenge  `json:"challenges"`
	Eligibility    *Eligibility `json:"eligibility"`
	Applicants     []string     `json:"applicants,omitempty"`
	HowToApply     string       `json:"how_to_apply,omitempty"`
	ApplicationURL string       `json:"application_url,omitempty"`
	Documents      []string     `json:"documents,omitempty"`
	// Opens and Closes are the overall dates of the call, YYYY-MM-DD.
	Opens  string  `json:"opens,omitempty"`
	Closes string  `json:"closes,omitempty"`
	Rounds []Round `json:"rounds"`
	// ObjectionDays is the period of public objection after each ranking is published.
	ObjectionDays int                 `json:"objection_days,omitempty"`
	Criteria      []WeightedCriterion `json:"criteria"`
	// TieBreak lists the steps that separate applications of equal weighted total (see
	// TieBreakSteps); empty means the clause library's default.
	TieBreak            []string     `json:"tie_break,omitempty"`
	Selection           string       `json:"selection,omitempty"`
	Jury                []string     `json:"jury,omitempty"`
	Funding             *CallFunding `json:"funding"`
	SupportOffered      []string     `json:"support_offered,omitempty"`
	Obligations         []string     `json:"obligations,omitempty"`
	ResultingConvention string       `json:"resulting_convention,omitempty"`
}

// Challenge is one of the problems a call asks applicants to address.
type Challenge struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Scope       string `json:"scope"`
	Description string `json:"description,omitempty"`
}

// Eligibility lists the gates every application must pass before it is ranked.
type Eligibility struct {
	AcceptedLicences     []string    `json:"accepted_licences"`
	RequireCommunity     bool        `json:"require_community"`
	MinContributors      int         `json:"min_contributors,omitempty"`
	RequireDocumentation bool        `json:"require_documentation"`
	RequireChallenge     bool        `json:"require_challenge"`
	Thresholds           *Thresholds `json:"thresholds,omitempty"`
	// CommonsTypes are the kinds of commons accepted, when the call restricts them.
	CommonsTypes []string `json:"commons_types,omitempty"`
	// DocumentationSites are the web addresses under which documentation must be published.
	DocumentationSites []string `json:"documentation_sites,omitempty"`
	// Other are conditions written in free text, which the jury checks.
	Other []string `json:"other,omitempty"`
}

// Round is one selection round of a call.
type Round struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Opens    string `json:"opens"`
	Closes   string `json:"closes"`
	Decision string `json:"decision,omitempty"`
}

// WeightedCriterion is a selection criterion and its weight in percent.
type WeightedCriterion struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Weight      int    `json:"weight"`
	Description string `json:"description,omitempty"`
}

// CallFunding is the funding rule of a call: amount band, rate cap, duration, eligible costs.
type CallFunding struct {
	MinAmount         float64  `json:"min_amount"`
	MaxAmount         float64  `json:"max_amount"`
	AverageAmount     float64  `json:"average_amount,omitempty"`
	RateCap           float64  `json:"rate_cap"`
	MaxDurationMonths int      `json:"max_duration_months,omitempty"`
	TotalBudget       float64  `json:"total_budget,omitempty"`
	ExpectedWinners   int      `json:"expected_winners,omitempty"`
	EligibleCosts     []string `json:"eligible_costs,omitempty"`
}

// Application holds what only an application to a call has.
type Application struct {
	Call          CallRef        `json:"call"`
	Applicant     string         `json:"applicant"`
	Round         string         `json:"round,omitempty"`
	Challenges    []string       `json:"challenges"`
	Community     *Community     `json:"community,omitempty"`
	Documentation *Documentation `json:"documentation,omitempty"`
	Requested     *Requested     `json:"requested"`
	Marks         []Mark         `json:"marks,omitempty"`
}

// CallRef names the call an application answers and, optionally, the file that defines it.
type CallRef struct {
	ID   string `json:"id"`
	File string `json:"file,omitempty"`
}

// Community describes the people who use and contribute to the commons.
type Community struct {
	Contributors int    `json:"contributors"`
	Users        int    `json:"users,omitempty"`
	Description  string `json:"description,omitempty"`
}

// Documentation says where the commons is documented and whether anyone can read it.
type Documentation struct {
	URL    string `json:"url,omitempty"`
	Public bool   `json:"public"`
}

// Requested is the funding an application asks for.
type Requested struct {
	Amount         float64 `json:"amount"`
	EligibleCosts  float64 `json:"eligible_costs"`
	DurationMonths int     `json:"duration_months,omitempty"`
}

// Mark is the jury's mark on one criterion of the call, out of 20.
type Mark struct {
	Criterion string  `json:"criterion"`
	Mark      float64 `json:"mark"`
	Comment   string  `json:"comment,omitempty"`
}

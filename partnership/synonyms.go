package partnership

import (
	"strings"
	"sync"
)

// frenchSynonyms are, for each value of the schema's enumerations, the French words a user is
// likely to write instead: "role: financeur" means "funder". The hint of a value that is not
// allowed names the value they stand for ("did you mean "funder"?"). A word may stand for
// values of several enumerations ("logiciel" is a digital commons and a licence for software):
// only the values allowed where the word is written are considered. Words are compared without
// case, accents, hyphens, apostrophes and a final plural s, so each is written once, as a
// French text writes it.
var frenchSynonyms = map[string][]string{
	// kind
	"charter":     {"charte", "charte des communs"},
	"convention":  {"pacte", "pacte de collaboration", "convention de partenariat", "contrat"},
	"call":        {"appel", "appel à communs", "appel à projets", "appel à candidatures"},
	"application": {"candidature", "dossier de candidature", "dossier", "réponse"},
	// lang
	"fr": {"français", "francais", "française", "french"},
	"en": {"anglais", "anglaise", "english"},
	// variant
	"ordinary": {"ordinaire", "simple"},
	"complex":  {"complexe"},
	// gender
	"masculine": {"masculin"},
	"feminine":  {"féminin"},
	// role
	"public_authority":   {"collectivité", "collectivité territoriale", "commune", "mairie", "ville", "métropole", "département", "région", "État", "personne publique", "autorité publique", "administration", "établissement public", "pouvoir public"},
	"citizen_collective": {"collectif", "collectif citoyen", "collectif d’habitants", "habitants", "citoyens", "association", "association citoyenne", "groupe", "groupement"},
	"operator":           {"opérateur", "opératrice", "gestionnaire", "exploitant"},
	"funder":             {"financeur", "financeuse", "bailleur", "bailleur de fonds", "mécène", "subventionneur"},
	"guarantor":          {"garant", "garante"},
	// legal_status
	"public_body":    {"personne publique", "établissement public", "collectivité", "collectivité territoriale"},
	"foundation":     {"fondation", "fonds de dotation"},
	"cooperative":    {"coopérative", "SCIC", "SCOP", "société coopérative"},
	"company":        {"entreprise", "société", "SARL", "SAS", "SA"},
	"informal_group": {"groupe informel", "groupement informel", "collectif informel", "groupement de fait", "association de fait"},
	"other":          {"autre", "autres", "divers"},
	// commons type
	"public_space":     {"espace public", "place", "rue"},
	"green_space":      {"espace vert", "jardin", "jardin partagé", "parc", "square"},
	"building":         {"bâtiment", "immeuble", "local", "locaux", "école", "tiers-lieu"},
	"natural_resource": {"ressource naturelle", "milieu naturel", "forêt"},
	"water":            {"eau", "ressource en eau"},
	"energy":           {"énergie"},
	"network":          {"réseau"},
	"digital":          {"numérique", "logiciel", "ressource numérique"},
	"data":             {"données", "donnée", "jeu de données"},
	"knowledge":        {"connaissance", "connaissances", "savoir", "savoirs"},
	"cultural":         {"culture", "culturel", "culturelle", "patrimoine"},
	// renewal mode
	"none":    {"aucun", "aucune", "sans", "sans renouvellement", "non"},
	"tacit":   {"tacite", "tacite reconduction", "reconduction tacite"},
	"express": {"exprès", "expresse", "explicite"},
	// college category
	"public_actors": {"acteurs publics", "public", "collège public"},
	"operators":     {"opérateurs", "opératrices"},
	"citizens":      {"citoyens", "usagers", "habitants", "société civile"},
	// admission
	"open":                 {"ouvert", "ouverte", "libre"},
	"published_conditions": {"conditions publiées", "sur conditions", "conditions objectives"},
	"appointed":            {"désigné", "désignation", "nommé", "nomination"},
	// voting method
	"simple_majority":    {"majorité simple", "majorité"},
	"absolute_majority":  {"majorité absolue"},
	"qualified_majority": {"majorité qualifiée"},
	"unanimity":          {"unanimité"},
	// pricing
	"free":       {"gratuit", "gratuite", "gratuité"},
	"solidarity": {"solidaire", "tarif solidaire", "tarification solidaire"},
	"regulated":  {"encadré", "encadrée", "réglementé", "tarif encadré", "tarification encadrée"},
	"cost_price": {"prix coûtant", "au prix coûtant", "prix de revient"},
	// continuity on failure
	"public_takeover": {"reprise", "reprise publique", "reprise en régie", "régie"},
	"reversion":       {"retour", "réversion", "retour à la personne publique"},
	"transfer":        {"transfert", "cession"},
	// grant nature
	"operating":  {"fonctionnement", "subvention de fonctionnement"},
	"project":    {"projet", "subvention de projet"},
	"investment": {"investissement", "subvention d’investissement"},
	// support in kind
	"premises":   {"locaux", "local", "mise à disposition de locaux"},
	"staff":      {"personnel", "agents", "mise à disposition de personnel"},
	"equipment":  {"matériel", "équipement", "équipements"},
	"supplies":   {"fournitures", "consommables"},
	"fee_waiver": {"exonération", "exonération de redevance", "gratuité de redevance"},
	"services":   {"prestations", "prestations de services"},
	// sanctions
	"reduction":   {"réduction", "diminution"},
	"repayment":   {"remboursement", "reversement", "restitution des sommes"},
	"termination": {"résiliation"},
	// reporting frequency
	"quarterly":   {"trimestriel", "trimestrielle", "chaque trimestre"},
	"half_yearly": {"semestriel", "semestrielle", "chaque semestre"},
	"annual":      {"annuel", "annuelle", "chaque année"},
	"end_of_term": {"fin de convention", "en fin de convention", "à terme", "au terme"},
	// assets at the end
	"return_to_owner":     {"restitution", "retour au propriétaire"},
	"transfer_to_public":  {"transfert à la personne publique"},
	"transfer_to_commons": {"transfert au commun"},
	"keep":                {"conservation", "conserver", "conservé"},
	// challenge scope
	"cross_cutting": {"transversal", "transversale", "transverse"},
	"thematic":      {"thématique"},
	// what a licence applies to
	"produced_resources": {"ressources produites", "productions"},
	"software":           {"logiciel", "code", "code source"},
	"documentation":      {"documentation"},
	"content":            {"contenu", "contenus"},
	"designs":            {"plans", "conceptions", "modèles"},
	// booleans, which YAML reads as texts when they are written in words
	"true":  {"oui", "vrai", "yes"},
	"false": {"non", "faux", "no"},
}

// synonymIndex maps each normalised French word to the values it may stand for.
var synonymIndex = sync.OnceValue(func() map[string][]string {
	index := map[string][]string{}
	for value, words := range frenchSynonyms {
		for _, w := range words {
			n := normaliseWord(w)
			index[n] = append(index[n], value)
		}
	}
	return index
})

var accents = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "é", "e", "è", "e", "ê", "e", "ë", "e", "î", "i", "ï", "i",
	"ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ç", "c", "œ", "oe", "æ", "ae",
	"’", " ", "'", " ", "-", " ", "_", " ",
)

// normaliseWord lowers a word, removes its accents, reads hyphens, underscores and apostrophes as
// spaces, and drops a final plural s or x.
func normaliseWord(s string) string {
	s = strings.Join(strings.Fields(accents.Replace(strings.ToLower(strings.TrimSpace(s)))), " ")
	if len(s) > 3 && (strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x")) {
		s = s[:len(s)-1]
	}
	return s
}

// Synonym returns the value among allowed that the French word got stands for ("financeur"
// gives "funder" when "funder" is allowed), or "".
func Synonym(got string, allowed []string) string {
	values := synonymIndex()[normaliseWord(got)]
	for _, a := range allowed {
		for _, v := range values {
			if v == a {
				return a
			}
		}
	}
	return ""
}

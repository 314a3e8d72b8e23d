package main

import (
	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/export"
)

// The French of the help, which the French templates of help.go print in place of the English
// texts of the commands and flags.
//
// To add a command or a flag: give the French of its usage (and of its arguments) in helpFrench,
// and of the description of a command in descriptionsFrench. TestHelpInFrench fails on any text
// left without French, on a French text no command uses any more, and on a French description
// whose examples or flags are not those of the English one. Write French as the catalogue of
// messages does (partnership/catalogue.go): typographic apostrophes, « » quotes and ordinary
// spaces before : ; ? ! (the help puts in the no-break spaces); usages in the infinitive,
// descriptions in the present tense, and the reader addressed as « vous ».

// helpFrench is the French of the one-line help texts, keyed by their English: the usage of each
// command, the arguments it takes, the usage of each flag (the same text may serve several
// commands), and the texts urfave/cli writes itself (its help flag and subcommand, the version
// flag, the name and the default of a flag's value).
var helpFrench = map[string]string{
	// The program and its commands.
	"write and check the documents of public–commons partnerships":                                                         "rédiger et vérifier les documents des partenariats public-communs",
	"check definitions against the schema and the rules of the domain":                                                     "vérifier les définitions au regard du schéma et des règles du domaine",
	"write the document a definition describes, in Markdown, HTML, PDF, DOCX or ODT":                                       "produire le document que décrit une définition, en Markdown, HTML, PDF, DOCX ou ODT",
	"say where each article of a document comes from: the definition's values, the library's defaults, the statutes cited": "indiquer d’où vient chaque article d’un document : valeurs de la définition, valeurs par défaut de la bibliothèque, textes de loi cités",
	"write definitions as data for other tools: SCDL subsidy open data (CSV) or normalised JSON":                           "écrire les définitions sous forme de données pour d’autres outils : données ouvertes SCDL des subventions (CSV) ou JSON normalisé",
	"compare two versions of a document article by article and write the redline":                                          "comparer deux versions d’un document article par article et écrire le comparatif",
	"list and check the clause library and house clauses":                                                                  "lister et vérifier la bibliothèque de clauses et les clauses maison",
	"list every clause: kind, language, id and file":                                                                       "lister chaque clause : type, langue, identifiant et fichier",
	"check that clause templates parse and use only fields definitions have":                                               "vérifier que les modèles de clauses sont bien formés et n’emploient que des champs des définitions",
	"compute the scale of communality of a definition and check its thresholds":                                            "établir l’échelle de communalité d’une définition et vérifier ses seuils",
	"check and rank the applications to a call for commons":                                                                "vérifier et classer les candidatures à un appel à communs",
	"print the JSON Schema of partnership definitions, or write it to a file":                                              "afficher le schéma JSON des définitions de partenariat, ou l’écrire dans un fichier",
	"print a commented starter definition for a kind of document":                                                          "afficher une définition de départ commentée pour un type de document",
	"edit the definitions of a directory in the browser, with the document beside them":                                    "modifier les définitions d’un dossier dans le navigateur, avec le document en regard",
	"print a file as git diff should show it: the document of a valid definition, else the file itself":                    "afficher un fichier tel que git diff doit le montrer : le document d’une définition valide, sinon le fichier lui-même",
	"print the script that makes a shell complete the commands, flags and values of commons":                               "afficher le script qui permet à un shell de compléter les commandes, les options et les valeurs de commons",
	"show the commands, or the help of one":                                                                                "afficher les commandes, ou l’aide de l’une d’elles",
	"print the version of commons":                                                                                         "afficher la version de commons",
	"FILE-or-DIR...":                                                                                                       "FICHIER-ou-DOSSIER...",
	"FILE":                                                                                                                 "FICHIER",
	"[DIR]":                                                                                                                "[DOSSIER]",
	"[HOUSE-DIR]":                                                                                                          "[DOSSIER-MAISON]",
	"CALL APPLICATION-or-DIR...":                                                                                           "APPEL CANDIDATURE-ou-DOSSIER...",
	"bash|zsh|fish":                                                                                                        "bash|zsh|fish",
	"[COMMAND [SUBCOMMAND]]":                                                                                               "[COMMANDE [SOUS-COMMANDE]]",
	"OLD NEW | --git REV FILE | --old-templates DIR --new-templates DIR FILE":                                              "ANCIENNE NOUVELLE | --git RÉVISION FICHIER | --old-templates DOSSIER --new-templates DOSSIER FICHIER",

	// Flags.
	"output format":    "format de sortie",
	"kind of document": "type de document",
	"language of messages: fr or en (default: the locale, else the definition's language)":                                                     "langue des messages : fr ou en (par défaut : celle des paramètres régionaux, sinon celle de la définition)",
	"language of the document and of messages: fr or en (default: the definition's)":                                                           "langue du document et des messages : fr ou en (par défaut : celle de la définition)",
	"language of the document and of messages: fr or en (default: fr)":                                                                         "langue du document et des messages : fr ou en (par défaut : fr)",
	"language of the report and of messages: fr or en (default: the definition's)":                                                             "langue du rapport et des messages : fr ou en (par défaut : celle de la définition)",
	"language of the report and of messages: fr or en (default: the call's)":                                                                   "langue du rapport et des messages : fr ou en (par défaut : celle de l’appel)",
	"explain the document, and write messages, in fr or en (default: the definition's language)":                                               "langue de l’explication et des messages : fr ou en (par défaut : celle de la définition)",
	"render both versions, and write messages, in fr or en (default: each definition's language)":                                              "langue des deux versions et des messages : fr ou en (par défaut : celle de chaque définition)",
	"write to this file (- for standard output); its extension gives the format":                                                               "écrire dans ce fichier (- pour la sortie standard) ; son extension donne le format",
	"write to this file (- for standard output); its extension gives the format (.csv: scdl, .json: json)":                                     "écrire dans ce fichier (- pour la sortie standard) ; son extension donne le format (.csv : scdl, .json : json)",
	"write the schema to this file (- for standard output)":                                                                                    "écrire le schéma dans ce fichier (- pour la sortie standard)",
	"write one document per definition into this directory, in the folders of the definitions":                                                 "écrire un document par définition dans ce dossier, dans l’arborescence des définitions",
	"overwrite an existing file that commons did not write":                                                                                    "remplacer un fichier existant que commons n’a pas écrit",
	"directory of house clauses that replace clauses of the library":                                                                           "dossier de clauses maison qui remplacent des clauses de la bibliothèque",
	"directory of house clauses and defaults that replace those of the library":                                                                "dossier de clauses maison et de valeurs par défaut qui remplacent celles de la bibliothèque",
	"directory of house clauses and defaults (the tie-break rule a call leaves out) that replace those of the library":                         "dossier de clauses maison et de valeurs par défaut (la règle de départage que l’appel ne fixe pas) qui remplacent celles de la bibliothèque",
	"house clauses to render the old version with":                                                                                             "clauses maison avec lesquelles produire l’ancienne version",
	"house clauses to render the new version with":                                                                                             "clauses maison avec lesquelles produire la nouvelle version",
	"compare FILE with its version at this git revision":                                                                                       "comparer FICHIER à sa version à cette révision git",
	"author of the tracked changes of a docx or odt redline":                                                                                   "auteur des modifications suivies d’un comparatif docx ou odt",
	"the most definitions one batch renders":                                                                                                   "nombre maximal de définitions produites par un lot",
	"print neither the progress bar nor the summary of a batch on stderr":                                                                      "n’afficher ni la barre de progression ni le bilan d’un lot sur la sortie d’erreur",
	"do not print the summary line on stderr":                                                                                                  "ne pas afficher la ligne de bilan sur la sortie d’erreur",
	"do not show a progress bar on stderr":                                                                                                     "ne pas afficher de barre de progression sur la sortie d’erreur",
	"TrueType font (.ttf) for the characters the embedded font lacks, in PDF":                                                                  "police TrueType (.ttf) pour les caractères absents de la police intégrée, en PDF",
	"with --format pdf, refuse a definition holding characters the PDF cannot print":                                                           "avec --format pdf, refuser une définition contenant des caractères que le PDF ne peut pas imprimer",
	"read the call an application names only below `DIR` (default: the working directory, the application's directory and its git repository)": "ne lire l’appel que désigne une candidature que sous `DOSSIER` (par défaut : le dossier de travail, celui de la candidature et son dépôt git)",
	"path (relative to the file you write) or URL of the JSON Schema the modeline names":                                                       "chemin (relatif au fichier que vous écrivez) ou URL du schéma JSON que désigne la première ligne (modeline)",
	"address to listen on":                      "adresse d’écoute",
	"open the workspace in the default browser": "ouvrir l’espace de travail dans le navigateur par défaut",
	"a further host name the server answers to (the public name of a reverse proxy)": "autre nom d’hôte auquel le serveur répond (le nom public d’un serveur mandataire inverse)",

	// urfave/cli's own texts.
	"show help":         "afficher l’aide",
	"print the version": "afficher la version",
	"value":             "valeur",
	" (default: %s)":    " (par défaut : %s)",
}

// descriptionsFrench is the French of the description of each command, keyed by the command as
// it is typed after commons ("render", "templates lint"; "" for the program). Its examples are
// those of the English description, with their comments in French.
var descriptionsFrench = map[string]string{
	"": `Transforme une définition de partenariat (YAML ou JSON) en documents juridiques qu’une
personne publique et des collectifs citoyens signent : chartes, conventions (pactes de
collaboration), appels à communs et candidatures à ces appels. Chaque définition est vérifiée au
regard d’un schéma JSON et des règles du domaine, et chaque erreur est située par fichier, ligne
et colonne.

Les messages sont rédigés en français ou en anglais : selon --lang, sinon selon les paramètres
régionaux (LC_ALL, LC_MESSAGES, LANG), sinon selon la langue de la définition. Cette aide
aussi, selon --lang ou les paramètres régionaux.

Code de sortie : 0 quand tout est valide, 1 quand une entrée n’est pas valide, 2 en cas d’erreur
d’utilisation ou d’entrée-sortie, 130 en cas d’interruption (Ctrl-C).`,

	"validate": `Vérifie chaque définition et affiche une ligne par problème :

   fichier:ligne:colonne: /pointeur/json: message

Une candidature dont l’appel désigne un fichier est aussi vérifiée au regard de cet appel.
Les fichiers .yaml, .yml et .json des dossiers sont recherchés. « - » lit l’entrée standard.

Avec --format github, chaque problème est affiché comme une annotation GitHub Actions, qu’une
demande de fusion (pull request) montre sur la ligne concernée :

   ::error file=F,line=L,col=C::/pointeur/json: message

Exemples :
   commons validate examples/pacte-parc-des-glycines.yaml
   commons validate --format json examples/
   commons validate --format github conventions/`,

	"render": `Valide chaque définition, puis écrit son document à l’aide de la bibliothèque de clauses.
Les définitions non valides ne sont pas produites : leurs diagnostics sont affichés et le code
de sortie est 1.

Avec une seule définition et sans -o, le document est écrit sur la sortie standard. Avec
--out-dir, chaque document y est écrit, nommé d’après sa définition (parc.yaml donne parc.md).

Le PDF porte une date de création tirée de SOURCE_DATE_EPOCH quand cette variable est définie,
sinon de la date de la définition, de sorte qu’une même définition donne toujours les mêmes
octets.

Exemples :
   commons render examples/pacte-parc-des-glycines.yaml
   commons render --format html --lang en -o parc.html examples/pacte-parc-des-glycines.yaml
   commons render --format pdf -o parc.pdf examples/pacte-parc-des-glycines.yaml
   commons render --format docx -o parc.docx examples/pacte-parc-des-glycines.yaml
   commons render --out-dir build/ examples/`,

	"explain": `Produit le document que décrit une définition et indique, article par article, l’identifiant
et le numéro de sa clause, les pointeurs JSON des valeurs de la définition qu’il lit, chaque
valeur par défaut de la bibliothèque de clauses qu’il applique faute de clé dans la définition
(avec la clé du fichier des valeurs par défaut dont elle vient), et chaque texte de loi qu’il
cite selon le droit du territoire du document. Lisez-le avant de signer : rien de ce que dit le
document ne devrait vous surprendre.

Exemples :
   commons explain examples/pacte-parc-des-glycines.yaml
   commons explain --lang en --format json examples/pacte-parc-des-glycines.yaml`,

	"export": `Avec --format scdl, écrit les données essentielles des conventions de subvention en CSV selon
le schéma SCDL « subventions » (version ` + export.SCDLVersion + `), que les personnes publiques françaises publient
en données ouvertes (décret n° 2017-779) : une ligne par subvention de chaque convention, en
UTF-8, séparée par des virgules. Une convention à laquelle manque une donnée que le schéma exige
(le SIRET du financeur, les dates de versement…) est signalée avec sa position et ne donne aucune
ligne ; le code de sortie est alors 1.

Avec --format json, écrit une définition validée et normalisée : valeurs par défaut appliquées,
références résolues (noms des parties à côté de leurs identifiants) et profil de communalité
calculé.

Exemples :
   commons export --format scdl examples/pacte-tiers-lieu-la-fabrique.yaml > subventions.csv
   commons export --format scdl -o subventions.csv conventions/
   commons export --format json examples/water-board.yaml`,

	"diff": `Produit les deux versions, aligne leurs articles par identifiant de clause (de sorte qu’une
renumérotation n’apparaisse pas comme une réécriture), puis compare mot à mot les articles
modifiés. Affiche un résumé (« Modification de l’article 5, ajout de l’article 9, suppression de
l’article 12, renumérotation des articles à partir de l’article 9 ») et le comparatif : en texte
pour un terminal ([-supprimé-] {+ajouté+}, en couleur dans un terminal), ou en Markdown, en HTML
(<del>, <ins>) ou en PDF (texte supprimé barré en rouge, texte ajouté souligné en bleu, un trait
dans la marge en regard de chaque article modifié).

Les deux versions sont deux définitions (ANCIENNE et NOUVELLE) ; ou une définition produite avec
deux dossiers de clauses maison (--old-templates, --new-templates ; omettez l’un des deux pour
employer la seule bibliothèque) ; ou une définition et sa version à une révision git (--git
RÉVISION, lue avec git show dans le dépôt du fichier).

Code de sortie, comme pour diff : 0 quand les textes sont identiques, 1 quand ils diffèrent, 2 en
cas d’erreur.

Exemples :
   commons diff pacte-v1.yaml pacte-v2.yaml
   commons diff --format pdf -o redline.pdf pacte-v1.yaml pacte-v2.yaml
   commons diff --format docx --author "Service juridique" -o pacte.docx pacte-v1.yaml pacte-v2.yaml
   commons diff --git HEAD~1 examples/pacte-parc-des-glycines.yaml
   commons diff --old-templates house-2025/ --new-templates house-2026/ pacte.yaml`,

	"templates": `La bibliothèque de clauses est intégrée à commons. Un dossier de clauses maison (--templates
de render) remplace les clauses de même chemin : une collectivité conserve ainsi ses propres
rédactions sans créer de copie divergente de la bibliothèque.

Exemples :
   commons templates list
   commons templates lint my-house-clauses/`,

	"templates list": `Liste les clauses de la bibliothèque, les clauses maison de DOSSIER-MAISON prenant leur place.

Exemples :
   commons templates list
   commons templates list my-house-clauses/`,

	"templates lint": `Vérifie chaque clause de la bibliothèque, les clauses maison de DOSSIER-MAISON prenant leur
place, sans produire de document : chacune doit être bien formée, n’appeler que des fonctions
documentées et n’employer que des champs que les définitions possèdent. Les problèmes sont
affichés sous la forme fichier:ligne:colonne: message ; le code de sortie est 1 s’il y en a.

Exemple :
   commons templates lint my-house-clauses/`,

	"score": `Applique la grille de communalité aux faits que déclare une définition : intérêt commun (de 0
à 3), usage, gouvernance et préservation (de 0 à 4 chacun) et degré de communalité (de 0 à
100). Indique quels faits donnent quel niveau, les seuils applicables (ceux de l’appel pour une
candidature dont le fichier d’appel est indiqué, sinon les conditions propres à la définition)
et si chacun est atteint, dans la langue de la définition (ou celle de --lang). L’échelle ne
s’applique ni à un appel ni à une charte qui ne déclare aucun fait des communs qu’elle couvre :
score le signale.

Code de sortie 0 quand chaque condition évaluée est remplie, 1 quand l’une ne l’est pas, de sorte
que la commande peut conditionner une chaîne d’intégration. Les conditions sociales et
écologiques sans « met » sont indiquées comme restant à vérifier.

Exemples :
   commons score examples/pacte-tiers-lieu-la-fabrique.yaml
   commons score --format json examples/candidature-cartocommuns.yaml`,

	"assess": `Vérifie chaque candidature au regard de l’appel : conditions d’éligibilité (dépôt dans les
délais de sa session et aux dates de l’appel, type de commun accepté par l’appel, licence
ouverte acceptée, communauté, documentation publique quand l’appel l’exige, défi auquel elle
répond, seuils de communalité, fourchette de financement, taux maximal et durée), puis classe
les candidatures éligibles selon le total pondéré des notes du jury (chacune sur 20, le total
sur 100), les égalités étant départagées par la règle de départage de l’appel. Les candidatures
non valides sont listées avec leurs diagnostics et n’arrêtent pas l’examen des autres. Les
conditions que l’appel rédige en texte libre sont listées pour que le jury les vérifie.

Dans un dossier, les candidatures à l’appel sont recherchées parmi les fichiers de définition
(.yaml, .yml, .json) ; tout autre fichier de définition (une charte, une convention, un autre
appel, une candidature à un autre appel, un fichier illisible) est ignoré avec une ligne sur la
sortie d’erreur, et les autres fichiers (les documents produits à côté des définitions) sans
rien dire. Un fichier nommé sur la ligne de commande doit être une candidature à l’appel.

Code de sortie 0 quand le rapport est écrit et que chaque candidature est valide, 1 quand
l’appel ou une candidature n’est pas valide (le rapport est tout de même écrit quand l’appel est
valide).

Exemples :
   commons assess examples/appel-a-communs-2026.yaml examples/candidature-*.yaml
   commons assess --format pdf -o selection.pdf examples/appel-a-communs-2026.yaml candidatures/`,

	"schema": `Affiche le schéma JSON (draft-07) au regard duquel les définitions sont vérifiées, pour les
éditeurs et les autres outils. Avec -o, l’écrit dans un fichier : conservé à côté des
définitions sous le nom ` + partnership.SchemaFileName + `, il permet aux éditeurs de les vérifier
hors ligne, et commons init le désigne dans les définitions de départ qu’il y écrit.

Exemples :
   commons schema -o ` + partnership.SchemaFileName + `
   commons schema > partnership.schema.json`,

	"init": `Affiche une définition de départ dont chaque clé est expliquée par un commentaire, dans la
langue demandée. Sa première ligne (modeline) indique le schéma aux éditeurs qui la
comprennent (yaml-language-server), pour qu’ils complètent les clés et vérifient les valeurs à
la saisie : le fichier de schéma indiqué avec --schema, sinon le fichier
` + partnership.SchemaFileName + ` le plus proche, dans ce dossier ou un dossier parent (commons
schema -o ` + partnership.SchemaFileName + ` en écrit un), sinon l’adresse du schéma sur le
web, avec un commentaire expliquant comment travailler hors ligne. Le dossier est celui du
fichier vers lequel la sortie est redirigée, quand le système l’indique, sinon le dossier de
travail.

Exemples :
   commons init --kind convention --lang fr > ma-convention.yaml
   commons schema -o ` + partnership.SchemaFileName + `
   commons init --kind charter --schema ` + partnership.SchemaFileName + ` > charte.yaml`,

	"serve": `Ouvre un espace de travail : les définitions de DOSSIER (par défaut, le dossier courant),
chacune avec un formulaire tiré du schéma, son texte YAML, ses diagnostics et son document,
mis à jour à la saisie. L’enregistrement ne modifie que les lignes de ce qui a changé.

Le serveur écoute sur l’adresse de bouclage, pour cette seule machine. Une autre adresse donnée
avec --addr le rend joignable depuis le réseau, sans comptes d’utilisateurs : placez-le plutôt
derrière un serveur mandataire inverse qui authentifie les utilisateurs, et indiquez le nom
public du mandataire avec --host.

Exemples :
   commons serve --open conventions/
   commons serve --addr 127.0.0.1:8080 --host communs.example.org conventions/`,

	"textconv": `Le pilote textconv de git pour les définitions. Affiche le Markdown produit d’une définition
valide, de sorte que git diff, git log -p et git show montrent la modification du texte du
document. Tout autre fichier (un fichier YAML ou JSON qui n’est pas une définition, une
définition non valide, une candidature dont l’appel est hors de portée de la copie temporaire
de git, un fichier illisible ou qui dépasse les limites) est affiché tel quel, et le code de
sortie est toujours 0, pour que git ait toujours quelque chose à montrer. Rien n’est écrit sur
la sortie d’erreur.

Dans le fichier .gitattributes du dépôt :
   *.yaml diff=commons
   *.yml diff=commons
   *.json diff=commons

Exemples :
   git config diff.commons.textconv "commons textconv"
   git config diff.commons.cachetextconv true
   commons textconv examples/pacte-parc-des-glycines.yaml`,

	"completion": `Affiche un script de complétion pour bash, zsh ou fish. Il ne requiert rien d’autre (pas le
paquet bash-completion) : le script demande à commons lui-même ce qui peut suivre ce qui est
saisi ; il complète ainsi les commandes, les sous-commandes, les options et les valeurs des
options qui en prennent une dans une liste (types, formats, langues) ; ailleurs, le shell
complète les noms de fichiers.

Exemples :
   source <(commons completion bash)                          # dans ~/.bashrc
   commons completion zsh > ~/.zfunc/_commons                 # avec fpath+=(~/.zfunc) avant compinit dans ~/.zshrc
   commons completion fish > ~/.config/fish/completions/commons.fish`,

	"help": `Affiche la liste des commandes, ou ce que fait une commande, ses options et un exemple.

Exemples :
   commons help
   commons help render
   commons help templates lint`,

	"version": `Affiche la version de commons, comme --version.

Exemple :
   commons version`,
}

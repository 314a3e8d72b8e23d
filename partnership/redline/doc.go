// Package redline compares two rendered documents the way a lawyer reads two versions of a
// contract: article by article, then word by word inside an article that changed.
//
// Articles are aligned by their clause id (the {#id} of their heading), never by their number
// or their position, so that a clause inserted before article 9 shows as one article added and
// a renumbering, not as a rewrite of every article after it. Article numbers, in headings and in
// the text of cross-references ("[article 9](#termination)"), are set aside when deciding
// whether an article changed.
//
// The result is a Summary ("Article 5 modified, Article 9 added, Article 12 removed, articles
// renumbered from 9") and a redline: the new document in which changed articles carry
// CriticMarkup marks ({++added++}, {--removed--}) on whole words, removed articles stand struck
// through under their former heading, and the headings of changed articles carry the class
// "changed". The typeset package turns that Markdown into HTML (<ins>, <del>) and PDF
// (underlined blue, struck-through red, a bar in the margin).
package redline

package partnership

import (
	"slices"
	"strings"
)

// licenceIDs are SPDX licence identifiers (https://spdx.org/licenses/) that partnerships use
// for what they produce: open content, data, software and hardware licences, and the common
// non-open ones so that they are recognised rather than reported as typos. Sorted.
var licenceIDs = []string{
	"0BSD", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-2.0", "Artistic-2.0",
	"BSD-2-Clause", "BSD-3-Clause", "BSL-1.0", "CC-BY-2.0", "CC-BY-3.0", "CC-BY-3.0-FR",
	"CC-BY-4.0", "CC-BY-NC-4.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0",
	"CC-BY-SA-2.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0", "CECILL-2.1", "CECILL-B",
	"CECILL-C", "CERN-OHL-P-2.0", "CERN-OHL-S-2.0", "CERN-OHL-W-2.0", "DL-DE-BY-2.0",
	"ECL-2.0", "EPL-2.0", "etalab-2.0", "EUPL-1.1", "EUPL-1.2", "GFDL-1.3-only",
	"GFDL-1.3-or-later", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only",
	"GPL-3.0-or-later", "ISC", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only",
	"LGPL-3.0-or-later", "LiLiQ-P-1.1", "LiLiQ-R-1.1", "LiLiQ-Rplus-1.1", "MIT", "MPL-2.0",
	"ODbL-1.0", "ODC-By-1.0", "OFL-1.1", "OGL-UK-3.0", "PDDL-1.0", "TAPR-OHL-1.0", "Unlicense",
	"WTFPL", "Zlib",
}

// OpenLicences are the licences of licenceIDs that the Open Definition or the OSI recognise as
// open: they allow anyone to use, modify and share, commercially or not.
var openLicences = []string{
	"0BSD", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-2.0", "Artistic-2.0",
	"BSD-2-Clause", "BSD-3-Clause", "BSL-1.0", "CC-BY-2.0", "CC-BY-3.0", "CC-BY-3.0-FR",
	"CC-BY-4.0", "CC-BY-SA-2.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0", "CECILL-2.1",
	"CECILL-B", "CECILL-C", "CERN-OHL-P-2.0", "CERN-OHL-S-2.0", "CERN-OHL-W-2.0", "DL-DE-BY-2.0",
	"ECL-2.0", "EPL-2.0", "etalab-2.0", "EUPL-1.1", "EUPL-1.2", "GFDL-1.3-only",
	"GFDL-1.3-or-later", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only",
	"GPL-3.0-or-later", "ISC", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only",
	"LGPL-3.0-or-later", "LiLiQ-P-1.1", "LiLiQ-R-1.1", "LiLiQ-Rplus-1.1", "MIT", "MPL-2.0",
	"ODbL-1.0", "ODC-By-1.0", "OFL-1.1", "OGL-UK-3.0", "PDDL-1.0", "TAPR-OHL-1.0", "Unlicense",
	"Zlib",
}

// KnownLicence reports whether id is an SPDX identifier on the toolkit's list. SPDX compares
// identifiers without regard to case.
func KnownLicence(id string) bool {
	return slices.ContainsFunc(licenceIDs, func(k string) bool { return strings.EqualFold(k, id) })
}

// OpenLicence reports whether id is a known open licence.
func OpenLicence(id string) bool {
	return slices.ContainsFunc(openLicences, func(k string) bool { return strings.EqualFold(k, id) })
}

// LicenceIDs returns the known SPDX identifiers, sorted as SPDX lists them.
func LicenceIDs() []string { return slices.Clone(licenceIDs) }

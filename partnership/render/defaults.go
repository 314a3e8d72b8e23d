package render

import (
	"errors"
	"io/fs"
	"path"

	"github.com/commons-toolkit/commons/partnership"
)

// loadDefaults reads the library's defaults file, then lets the defaults file of each house
// directory, when it has one, replace its entries one by one.
func loadDefaults(base fs.FS, baseName string, embedded bool, overrides []Override) (*partnership.Defaults, error) {
	var d *partnership.Defaults
	var err error
	if embedded {
		d, err = partnership.DefaultsOf(compiledDefaults(), path.Join(baseName, partnership.DefaultsFile))
	} else {
		var data []byte
		if data, err = fs.ReadFile(base, partnership.DefaultsFile); err != nil {
			return nil, err
		}
		d, err = partnership.ParseDefaults(data, path.Join(baseName, partnership.DefaultsFile))
	}
	if err != nil {
		return nil, err
	}
	for _, o := range overrides {
		data, err := fs.ReadFile(o.FS, partnership.DefaultsFile)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		house, err := partnership.ParseDefaults(data, path.Join(o.Name, partnership.DefaultsFile))
		if err != nil {
			return nil, err
		}
		d = d.Merge(house)
	}
	return d, nil
}

// Defaults returns the defaults of the library, with those of its house directories in place.
func (lib *Library) Defaults() *partnership.Defaults { return lib.defaults() }

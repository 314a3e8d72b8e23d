// Package earlywarm starts the one-off work of a command while the program's other packages are
// still being initialised.
//
// Go initialises packages one at a time, on one thread, for the first 15 to 20 ms of a process;
// the other processors wait. This package imports little beyond package partnership, and its
// import path sorts before the libraries that initialise after partnership (goldmark's parser,
// gojsonschema, urfave/cli, net/http), so it runs as soon as partnership is ready. It then
// does, on another thread, what the command will need from partnership alone: for the commands
// whose arguments are definitions, the first of them, read and parsed (Take), after the maps of
// the schema model (which is otherwise compiled into the program). That work overlaps the rest
// of the initialisation instead of following it. The command asks for the same work later and
// finds it done or under way: each piece is done once per process. (The interruption signals
// are registered earlier still, by package earlysignals, which needs no more than os/signal.)
package earlywarm

import (
	"os"
	"slices"
	"sync"

	"github.com/commons-toolkit/commons/cmd/commons/internal/hugeheap"
	"github.com/commons-toolkit/commons/partnership"
)

// SchemaCommands are the commands that read the schema model: those that validate definitions.
var SchemaCommands = []string{"validate", "render", "score", "assess", "diff"}

// LoadCommands are the commands whose arguments are definitions to load with the default
// limits; those of assess are read through the call they name, and explain or export need
// little time beyond their one definition.
var LoadCommands = []string{"validate", "render", "score", "diff"}

// maxEarly is how many definitions are loaded ahead: the two of a diff, the first of a batch.
// Loading more would only hold memory for files the workers of a batch will reach later.
const maxEarly = 2

func init() {
	command := hugeheap.CommandOf(os.Args)
	if !slices.Contains(SchemaCommands, command) {
		return
	}
	var files []string
	if slices.Contains(LoadCommands, command) {
		files = Candidates(os.Args)
	}
	loads := start(files)
	go func() {
		partnership.Schema()
		for _, l := range loads {
			l.run()
		}
	}()
}

// Candidates returns the arguments after the command (hugeheap.CommandIndex) that name
// definition files (by their extension) that are regular files, at most maxEarly of them. A
// flag's value is not told apart from an argument: a value that happens to name a definition
// file is loaded for nothing, which costs time on another thread and changes no result. Standard
// input, directories, FIFOs and devices are left to the command, which reads them once.
func Candidates(args []string) []string {
	i := hugeheap.CommandIndex(args)
	if i < 0 {
		return nil
	}
	var files []string
	for _, arg := range args[i+1:] {
		if arg == "--" || len(files) == maxEarly {
			break
		}
		if arg == "" || arg[0] == '-' || !partnership.IsDefinitionFile(arg) {
			continue
		}
		if st, err := os.Stat(arg); err == nil && st.Mode().IsRegular() && !slices.Contains(files, arg) {
			files = append(files, arg)
		}
	}
	return files
}

// early is the load of one file started ahead, with the default limits.
type early struct {
	file   string
	done   chan struct{}
	loaded Loaded
	ok     bool
}

// Loaded is a definition file read and loaded: what validate.LoadedWith takes.
type Loaded struct {
	Data  []byte
	Doc   *partnership.Document
	Diags partnership.Diagnostics
}

var (
	mu      sync.Mutex
	pending = map[string]*early{}
)

// start registers a load ahead for each file, with the default limits, and returns them to run.
func start(files []string) []*early {
	mu.Lock()
	defer mu.Unlock()
	var loads []*early
	for _, f := range files {
		if _, dup := pending[f]; dup {
			continue
		}
		l := &early{file: f, done: make(chan struct{})}
		pending[f] = l
		loads = append(loads, l)
	}
	return loads
}

// run reads and loads the file as validate.LoadFile does. A file that cannot be read is left
// to the command, which reports it.
func (l *early) run() {
	defer close(l.done)
	data, err := partnership.ReadFile(l.file, nil, partnership.DefaultLimits)
	if err != nil {
		return
	}
	doc, diags := partnership.Load(partnership.DisplayPath(l.file), data, partnership.DefaultLimits)
	l.loaded, l.ok = Loaded{Data: data, Doc: doc, Diags: diags}, true
}

// Take returns the load of file started during initialisation, waiting for it to end, when there
// was one, it read the file and limits are the defaults it was loaded with; the load is then
// forgotten, so that the caller owns the document. Otherwise the caller loads the file itself.
func Take(file string, limits partnership.Limits) (Loaded, bool) {
	mu.Lock()
	l := pending[file]
	delete(pending, file)
	mu.Unlock()
	if l == nil || limits != partnership.DefaultLimits {
		return Loaded{}, false
	}
	<-l.done
	return l.loaded, l.ok
}

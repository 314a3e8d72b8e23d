package hugeheap

import (
	"syscall"
	"unsafe"

	"github.com/commons-toolkit/commons/cmd/commons/internal/execpages"
)

// hugePageBytes is the size of a transparent huge page with 4 KiB base pages (amd64, arm64).
const hugePageBytes = 2 << 20

// pageBytes is the size of a base page, the unit of /proc/self/pagemap.
const pageBytes = 4 << 10

// thpMode is where Linux says which memory gets transparent huge pages.
const thpMode = "/sys/kernel/mm/transparent_hugepage/enabled"

// Advice values of madvise that package syscall does not name (Linux 5.14 and later; older
// kernels refuse them with EINVAL, which leaves the pages to be faulted in as before).
const (
	madvPopulateRead  = 22
	madvPopulateWrite = 23
)

func init() {
	// Every command runs code from all over the executable, --version included (its
	// initialisation alone touches some 80 pages fewer with this), so this is done for all,
	// unless package execpages did it before the runtime started.
	if execpages.Segments == 0 {
		populateExecutable()
	}
	if wanted(split(string(readHead("/proc/self/cmdline", 4<<10)), 0), getenv("GODEBUG")) {
		reserve()
	}
}

// reserve advises reserveBytes of heap for huge pages, when the system gives them on advice,
// and returns the range it advised. The runtime maps heap as it grows, each new mapping without
// advice, so reserve first has it map a whole block at once (mapBlock), then advises the block
// and the start of the heap just below it, whose unused part can take huge pages too. The
// runtime places the command's allocations in the block from the lowest free address up. The
// block itself is never written: it costs no memory until used.
//
// Linux gives a 2 MiB range a huge page only while none of it is mapped, and the runtime's
// first allocations, made before the advice, touched part of the heap's first ranges; the rest
// of those ranges would be faulted in 4 KiB at a time as the runtime fills them. reserve maps
// the rest of them in one call instead (populateTouched).
func reserve() (lo, hi uintptr, ok bool) {
	// The page map is read, and huge pages sized, for 4 KiB base pages; kernels with larger
	// ones (arm64 with 16 or 64 KiB pages, ppc64) are left alone.
	if !adviceMode() || syscall.Getpagesize() != pageBytes {
		return 0, 0, false
	}
	start, release := mapBlock()
	lo = (start - reserveBytes/8) &^ (hugePageBytes - 1)
	hi = (start + reserveBytes) &^ (hugePageBytes - 1)
	// The range may start below the heap's first mapping: madvise advises the mapped parts and
	// reports the gap as ENOMEM, which changes nothing here.
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE)
	populateTouched(lo, (start+hugePageBytes-1)&^(hugePageBytes-1))
	release()
	return lo, hi, errno == 0 || errno == syscall.ENOMEM
}

// populateTouched maps, in one call per range, every 2 MiB range in [lo, hi) of which a page is
// already in memory, as /proc/self/pagemap tells (one 8-byte entry per page, bit 63 set for a
// page in memory). Such a range can no longer take a huge page; mapping the rest of it at once
// costs under a microsecond a page, where each page faulted in when first used costs 10 µs or
// more on a virtual machine. Ranges of which nothing is in memory are left to take huge pages.
// It returns how many ranges it mapped.
func populateTouched(lo, hi uintptr) int {
	if hi <= lo {
		return 0
	}
	fd, err := syscall.Open("/proc/self/pagemap", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return 0
	}
	defer syscall.Close(fd)
	entries := make([]byte, (hi-lo)/pageBytes*8)
	n, err := syscall.Pread(fd, entries, int64(lo/pageBytes*8))
	if err != nil || n != len(entries) {
		return 0
	}
	const perRange = hugePageBytes / pageBytes
	populated := 0
	for r := 0; r*perRange*8 < n; r++ {
		for i := r * perRange; i < (r+1)*perRange && i*8 < n; i++ {
			if entries[i*8+7]&0x80 != 0 {
				from := lo + uintptr(r)*hugePageBytes
				if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, from, min(hugePageBytes, hi-from), madvPopulateWrite); errno == 0 {
					populated++
				}
				break
			}
		}
	}
	return populated
}

// populateExecutable maps the program's own pages (its code, read-only data and initialised
// data, as the kernel reads them from the executable file) in one call per mapping. The
// runtime and the packages' initialisation would otherwise fault them in as they run, some 200
// faults for a PDF, each costing a trip to the hypervisor on a virtual machine; mapping 18 MB
// of pages already in the page cache takes one to two milliseconds there. The data stays copy-on-write:
// it is mapped for reading, and a page is copied when first written, as it would be anyway.
// It returns how many mappings it populated.
func populateExecutable() int {
	maps := parseMappings(string(readHead("/proc/self/maps", 32<<10)))
	// A byte of the program's read-only data: its mapping names the executable's file.
	self := uintptr(unsafe.Pointer(unsafe.StringData(thpMode)))
	var file string
	for _, m := range maps {
		if m.start <= self && self < m.end {
			file = m.file
		}
	}
	if file == "" {
		return 0
	}
	populated := 0
	for _, m := range maps {
		if m.file != file {
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, m.start, m.end-m.start, madvPopulateRead); errno == 0 {
			populated++
		}
	}
	return populated
}

// parseMappings reads the lines of /proc/self/maps, leaving out those it cannot read.
func parseMappings(text string) []mapping {
	var maps []mapping
	for text != "" {
		line := text
		if i := indexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if m, ok := parseMapping(line); ok {
			maps = append(maps, m)
		}
	}
	return maps
}

// mapping is one line of /proc/self/maps.
type mapping struct {
	start, end uintptr
	// file identifies the mapped file by device and inode ("fe:00 10347225"), empty for
	// anonymous memory; unlike the path, it cannot be mistaken when the path holds spaces or
	// the file was replaced since.
	file string
}

// parseMapping reads a line of /proc/self/maps: "start-end perms offset dev inode path".
func parseMapping(line string) (mapping, bool) {
	fields := make([]string, 0, 6)
	for len(fields) < 5 {
		for line != "" && line[0] == ' ' {
			line = line[1:]
		}
		if line == "" {
			return mapping{}, false
		}
		i := indexByte(line, ' ')
		if i < 0 {
			i = len(line)
		}
		fields = append(fields, line[:i])
		line = line[i:]
	}
	dash := indexByte(fields[0], '-')
	if dash < 0 {
		return mapping{}, false
	}
	start, ok1 := parseHex(fields[0][:dash])
	end, ok2 := parseHex(fields[0][dash+1:])
	if !ok1 || !ok2 || end <= start {
		return mapping{}, false
	}
	m := mapping{start: start, end: end}
	if fields[4] != "0" {
		m.file = fields[3] + " " + fields[4]
	}
	return m, true
}

// parseHex reads a hexadecimal number in lower case, as /proc writes addresses.
func parseHex(s string) (uintptr, bool) {
	if s == "" || len(s) > 16 {
		return 0, false
	}
	var v uintptr
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | uintptr(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | uintptr(c-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// indexByte is strings.IndexByte, which this package does not import: see the package
// documentation.
func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// adviceMode reports whether the kernel gives transparent huge pages to the memory a program
// advises, and only to it: under "always" the heap has them already, under "never" advice is
// ignored, and either way reserve would map a block for nothing.
func adviceMode() bool {
	mode := string(readHead(thpMode, 256))
	for i := 0; i+len("[madvise]") <= len(mode); i++ {
		if mode[i:i+len("[madvise]")] == "[madvise]" {
			return true
		}
	}
	return false
}

// readHead returns the first size bytes of a file, or what there is of it, or nothing if it
// cannot be read: used for the kernel's one-line settings, the first arguments of the command
// line and the process's memory map at start-up (some 70 lines).
func readHead(name string, size int) []byte {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	defer syscall.Close(fd)
	buf := make([]byte, size)
	n := 0
	// Files of /proc are generated as they are read, a page or a few lines at a time.
	for n < len(buf) {
		m, err := syscall.Read(fd, buf[n:])
		if err != nil || m <= 0 {
			break
		}
		n += m
	}
	return buf[:n]
}

// getenv is os.Getenv, which this package does not import: see the package documentation.
func getenv(key string) string {
	v, _ := syscall.Getenv(key)
	return v
}

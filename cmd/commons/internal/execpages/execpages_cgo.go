//go:build cgo && linux

package execpages

/*
#define _GNU_SOURCE
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

// Linux 5.14; older kernels refuse it with EINVAL and the pages are faulted in as they are used.
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

static int execpagesSegments;

// mapProgram maps the part of each loadable segment of the first object, the program itself,
// that comes from the file. The rest of a segment (its zeroed data) is left to be touched.
static int mapProgram(struct dl_phdr_info *info, size_t size, void *unused) {
	long page = sysconf(_SC_PAGESIZE);
	if (page <= 0) {
		return 1;
	}
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD || ph->p_filesz == 0) {
			continue;
		}
		uintptr_t start = info->dlpi_addr + ph->p_vaddr;
		uintptr_t lo = start & ~((uintptr_t)page - 1);
		uintptr_t hi = (start + ph->p_filesz + page - 1) & ~((uintptr_t)page - 1);
		if (madvise((void *)lo, hi - lo, MADV_POPULATE_READ) == 0) {
			execpagesSegments++;
		}
	}
	return 1; // the first object visited is the program: stop there
}

__attribute__((constructor)) static void execpagesMap(void) {
	dl_iterate_phdr(mapProgram, NULL);
}

static int execpagesMapped(void) { return execpagesSegments; }
*/
import "C"

// Segments is how many segments of the executable the constructor mapped.
var Segments = int(C.execpagesMapped())

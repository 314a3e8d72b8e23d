// func growStack()
//
// Its frame is 60 MiB (62914560 bytes) and it returns without touching it: the stack check of
// its prologue finds that the frame does not fit, and the runtime moves the goroutine to a
// stack of 64 MiB (hugeheap's reserveBytes), copying only the frames already in use.
TEXT ·growStack(SB), 0, $62914560-0
	RET

// The fuzzer executable's entry point (see entry.c) and a way to see where a
// stuck input is.
#pragma once

/// Called on the thread that runs the programs: remembers it, and installs a
/// SIGXCPU handler that prints the stack of the thread it arrives on.
void optfuzz_register_worker(void);

/// Prints the stack of the registered worker thread (to stderr).
void optfuzz_dump_worker_stack(void);

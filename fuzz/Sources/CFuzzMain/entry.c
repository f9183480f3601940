// SwiftPM links every executable target on Linux with
// `--defsym main=<Module>_main` (so that tests can link executables), which
// leaves `main` pointing at `OptFuzz_main`. With `-parse-as-library` Swift
// emits no such symbol, so libFuzzer's own `main` can never be used and the
// link fails. This file supplies `OptFuzz_main` and hands control to
// libFuzzer's driver, exactly as libFuzzer's `main` would.
#include "CFuzzMain.h"

#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int OptFuzz_main(int argc, char **argv) {
  return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}

// libFuzzer's timeout report shows the stack of the main thread, which only
// waits for the worker; the harness's watchdog calls
// optfuzz_dump_worker_stack shortly before the timeout to show the worker's.
__attribute__((weak)) void __sanitizer_print_stack_trace(void);

static pthread_t worker;
static volatile int have_worker = 0;

static void dump_here(int sig) {
  (void)sig;
  static const char header[] = "\n==optfuzz== stack of the thread running the input:\n";
  write(2, header, sizeof header - 1);
  if (__sanitizer_print_stack_trace) {
    __sanitizer_print_stack_trace();
  } else {
    void *frames[128];
    int n = backtrace(frames, 128);
    backtrace_symbols_fd(frames, n, 2);
  }
}

void optfuzz_register_worker(void) {
  worker = pthread_self();
  have_worker = 1;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = dump_here;
  sigemptyset(&action.sa_mask);
  sigaction(SIGXCPU, &action, NULL);
}

void optfuzz_dump_worker_stack(void) {
  if (have_worker) pthread_kill(worker, SIGXCPU);
}

// CEditLine: the system libedit (BSD editline), seen from Swift.
//
// optrepl uses libedit's native interface (histedit.h: el_gets, el_line,
// history), which lets its own editing functions see and change the line.
// That header is libedit's alone; GNU readline, whose headers are also
// installed, has none of that name. el_set() and history() are variadic, which
// Swift cannot call, and Swift 6 refuses to assign C globals, so everything of
// that kind goes through the small static inline functions below.
#ifndef OPTREPL_CEDITLINE_SHIM_H
#define OPTREPL_CEDITLINE_SHIM_H

#include <stdio.h>
#include <wchar.h>
#include <histedit.h>

/// A function libedit calls for a key bound to it; returns a CC_* code.
typedef unsigned char (*optrepl_command_fn)(EditLine *, int);
/// The prompt to show.
typedef char *(*optrepl_prompt_fn)(EditLine *);
/// Reads one character: 1 (stored), 0 (end of input) or -1 (error).
typedef int (*optrepl_getc_fn)(EditLine *, wchar_t *);

/// An editor on the standard streams, in emacs mode, with `history` behind
/// it, libedit's signal handling on (it restores the terminal, then passes the
/// signal on to the program's handler), and `getc` reading the characters.
/// In the prompt, text between two \1 characters (colour escapes) is sent to
/// the terminal as it is and takes no room.
static inline EditLine *optrepl_el_open(const char *program, History *history_,
                                       optrepl_prompt_fn prompt, optrepl_getc_fn getc_) {
  EditLine *el = el_init(program, stdin, stdout, stderr);
  if (el == NULL) return NULL;
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_SIGNAL, 1);
  el_set(el, EL_PROMPT_ESC, prompt, '\1');
  el_set(el, EL_HIST, history, history_);
  el_set(el, EL_GETCFN, getc_);
  return el;
}

/// Makes `fn` available under `name` for key bindings.
static inline int optrepl_el_addfn(EditLine *el, const char *name, const char *help, optrepl_command_fn fn) {
  return el_set(el, EL_ADDFN, name, help, fn);
}

/// Binds a key sequence (as `bind` writes it: `^R`, `^[[A`) to a function name.
static inline int optrepl_el_bind(EditLine *el, const char *keys, const char *name) {
  return el_set(el, EL_BIND, keys, name, NULL);
}

/// A history list holding at most `size` entries.
static inline History *optrepl_history_open(int size) {
  History *h = history_init();
  if (h == NULL) return NULL;
  HistEvent ev;
  history(h, &ev, H_SETSIZE, size);
  return h;
}

static inline void optrepl_history_add(History *h, const char *line) {
  HistEvent ev;
  history(h, &ev, H_ENTER, line);
}

/// Writes to standard output through stdio, which libedit writes through too,
/// so that the two stay in order.
static inline void optrepl_print(const char *text) {
  fputs(text, stdout);
  fflush(stdout);
}

#endif

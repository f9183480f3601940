/// What `?for`, `?def`, `help for` ... say: the statements and operators of
/// the language, each in a sentence or two with an example, as Python's
/// `help("for")` does for its keywords.
enum KeywordHelp {
  static let texts: [String: String] = [
    "for": """
    for NAME in ITERABLE:  — runs the indented block once for each item of a list, tuple,
    array, string, range(...), zip(...) or enumerate(...); `break` leaves the loop early,
    `continue` goes on with the next item; an `else:` block runs if no `break` happened.
        for t in range(1, 4):
            print(t, 0.9**t)
    """,
    "while": """
    while CONDITION:  — runs the indented block again and again as long as CONDITION is
    true; `break` leaves it early, `continue` starts the next round. Ctrl-C stops a loop
    that never ends.
        while loss > 1e-6:
            w = w - 0.1 * grad(w)
    """,
    "if": """
    if CONDITION:  … elif CONDITION: … else: …  — runs the first block whose condition is
    true. As an expression: `x if CONDITION else y`.
        if eta > 0.1:
            print("large")
    """,
    "def": """
    def NAME(PARAMETERS):  — defines a function; `return VALUE` gives its result.
    Parameters may have defaults (`eta=0.1`) and be passed by keyword (`f(eta=0.5)`).
        def loss(w):
            return (w - 3)**2
    """,
    "rule": """
    rule NAME(HYPERPARAMETERS):  — defines a step rule, written for one parameter: `w` is the
    parameter, `g` its gradient, `t` the step number; `state NAME = VALUE` keeps a value from
    step to step; the value of `w` at the end is the new parameter. Calling the rule makes
    an optimizer: opt = NAME(...); opt.step(w, g). `:source adam` shows a built-in one.
        rule my_sgd(eta):
            w = w - eta * g
    """,
    "state": """
    state NAME = VALUE  — inside a `rule`: a variable that keeps its value from one step to
    the next (its first value is computed at the first step).
    """,
    "return": "return VALUE  — ends a function and gives VALUE as its result (None without one).",
    "lambda": "lambda PARAMETERS: EXPRESSION  — a small function without a name: `lambda k: 0.1 * 0.9**k`.",
    "import": """
    import numpy as np, import math, from math import sqrt  — bind the built-in modules
    (numpy and math are the only ones; their functions are also built-ins).
    """,
    "break": "break  — leaves the innermost `for` or `while` loop at once.",
    "continue": "continue  — skips the rest of the loop's block and goes on with the next round.",
    "pass": "pass  — does nothing: a placeholder where a block needs a statement.",
    "assert": "assert CONDITION, MESSAGE  — stops with an AssertionError saying MESSAGE if CONDITION is false.",
    "global": "global NAME  — inside a function: assignments to NAME change the global variable, not a local one.",
    "and": "A and B  — B if A is true, else A (so it gives True or False for booleans).",
    "or": "A or B  — A if A is true, else B.",
    "not": "not A  — True if A is false, else False.",
    "in": "X in COLLECTION  — whether X is an item of a list, tuple, array or string; also part of `for`.",
    "is": "A is B  — whether A and B are the same object; `x is None` is the usual use.",
  ]
}

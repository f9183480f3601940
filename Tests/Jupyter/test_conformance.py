"""jupyter_kernel_test's conformance suite, with optrepl code samples, and the
notebook-only parts of the kernel: help as a pager, prose with computed values,
plots as SVG, the exercise checker and the progress it records."""

import json
import os
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

from kernel_helpers import run_cell, stderr_of, stdout_of


class OptreplKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "optrepl"
    language_name = "optrepl"
    file_extension = ".opt"

    code_hello_world = 'print("hello, world")'
    # A step that overflows to inf: the optimizer warns on standard error.
    code_stderr = "opt = sgd(eta=1e308)\nw = opt.step(1e308, 1e308)"
    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "x = linsp", "matches": {"linspace"}},
    ]
    complete_code_samples = ["1 + 2", "x = 1", "def f(x):\n    return x\n\n", "plot([1, 2, 3])"]
    incomplete_code_samples = ["def f(x):", "for i in range(3):\n    print(i)", "x = [1,", 'print("""a', "1 + \\"]
    invalid_code_samples = ["1 +* 2", "x = = 1", 'print("a', ")"]
    code_page_something = "?adam"
    code_generate_error = "undefined_name + 1"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "0.1 + 0.2", "result": "0.30000000000000004"},
        {"code": "[1, 2.5, 'a']", "result": "[1, 2.5, 'a']"},
        {"code": "import numpy as np\nnp.array([1, 2.5])", "result": "array([1, 2.5])"},
    ]
    code_display_data = [
        {"code": "plot([1, 4, 9])", "mime": "image/svg+xml"},
        {"code": "plot([1, 4, 9])", "mime": "text/plain"},
        {"code": "contour(lambda w, b: w**2 + b**2, (-1, 1), (-1, 1))", "mime": "image/svg+xml"},
        {"code": "%%markdown\nThe answer is {{6 * 7}}.", "mime": "text/markdown"},
    ]
    code_history_pattern = "1 +*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "adam"
    code_clear_output = 'print("soon gone")\nclear_output()'


class NotebookFeatureTests(unittest.TestCase):
    """What a notebook adds to the language, through a real client."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="optrepl")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_error_is_located_with_a_caret(self):
        reply, outputs = run_cell(self.kc, "x = 1\ny = x + undefined_thing")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "NameError")
        traceback = "\n".join(reply["traceback"])
        self.assertIn("<cell", traceback)
        self.assertIn(":2:", traceback)  # the line in the cell
        self.assertIn("^", traceback)
        self.assertEqual([t for t, _ in outputs], ["error"])

    def test_final_expression_is_the_result_and_prints_stay_stream(self):
        reply, outputs = run_cell(self.kc, 'print("before")\n40 + 2')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stdout_of(outputs), "before\n")
        results = [c for t, c in outputs if t == "execute_result"]
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["data"]["text/plain"], "42")
        self.assertEqual(results[0]["execution_count"], reply["execution_count"])

    def test_none_shows_no_result(self):
        _, outputs = run_cell(self.kc, "None")
        self.assertEqual(outputs, [])

    def test_definitions_persist_between_cells(self):
        run_cell(self.kc, "def double(x):\n    return 2 * x")
        _, outputs = run_cell(self.kc, "double(21)")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["42"])

    def test_plot_sends_svg_and_braille(self):
        reply, outputs = run_cell(self.kc, "plot([1, 4, 9], title='squares')")
        self.assertEqual(reply["status"], "ok")
        displays = [c["data"] for t, c in outputs if t == "display_data"]
        self.assertEqual(len(displays), 1)
        self.assertTrue(displays[0]["image/svg+xml"].lstrip().startswith("<?xml"))
        self.assertIn("<svg", displays[0]["image/svg+xml"])
        self.assertIn("squares", displays[0]["text/plain"])
        self.assertTrue(any(0x2800 <= ord(ch) <= 0x28FF for ch in displays[0]["text/plain"]), "braille dots")
        self.assertEqual(stdout_of(outputs), "")

    def test_markdown_prose_shows_values_of_the_session(self):
        run_cell(self.kc, "rate = 0.1 / 3")
        _, outputs = run_cell(self.kc, '%%markdown\nThe rate is {{f"{rate:.4f}"}}, $\\eta$ stays.')
        displays = [c["data"] for t, c in outputs if t == "display_data"]
        self.assertEqual(displays[0]["text/markdown"], "The rate is 0.0333, $\\eta$ stays.")

    def test_help_is_a_pager_payload_and_an_unknown_name_an_error(self):
        run_cell(self.kc, "import numpy as np")
        reply, _ = run_cell(self.kc, "?np.sqrt")
        self.assertEqual(reply["payload"][0]["source"], "page")
        self.assertIn("sqrt", reply["payload"][0]["data"]["text/plain"])
        reply, _ = run_cell(self.kc, "?no_such_name")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "NameError")

    def test_inspect_finds_the_name_under_the_cursor(self):
        code = "opt = adagrad(eta=0.1)"
        self.kc.inspect(code, cursor_pos=code.index("grad"))
        reply = self.kc.get_shell_msg(timeout=10)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("AdaGrad", reply["content"]["data"]["text/plain"])

    def test_complete_replaces_the_word_before_the_cursor(self):
        code = "x = linsp"
        self.kc.complete(code, len(code))
        reply = self.kc.get_shell_msg(timeout=10)["content"]
        self.assertEqual(reply["matches"], ["linspace"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (4, len(code)))

    def test_is_complete_indents_a_block(self):
        self.kc.is_complete("for i in range(3):")
        reply = self.kc.get_shell_msg(timeout=10)["content"]
        self.assertEqual(reply, {"status": "incomplete", "indent": "    "})

    def test_check_grades_the_notebook_answer_and_records_progress(self):
        progress = os.path.join(os.environ["XDG_DATA_HOME"], "optrepl", "progress.json")
        # The starter answer fails: the message goes to stderr and nothing is recorded.
        run_cell(self.kc, "rule my_adagrad(eta, eps=1e-10):\n    state v = 0\n    w = w")
        reply, outputs = run_cell(self.kc, 'check("adagrad-1")')
        self.assertEqual(reply["status"], "ok")
        self.assertIn("adagrad-1 is not right yet", stderr_of(outputs))
        passed = json.load(open(progress))["passed"] if os.path.exists(progress) else {}
        self.assertNotIn("adagrad-1", passed)
        # The right answer passes and is recorded.
        run_cell(
            self.kc,
            "rule my_adagrad(eta, eps=1e-10):\n    state v = 0\n    v = v + g**2\n"
            "    w = w - eta * g / (sqrt(v) + eps)",
        )
        reply, outputs = run_cell(self.kc, 'check("adagrad-1")')
        self.assertIn("adagrad-1 passed", stdout_of(outputs))
        self.assertIn("adagrad-1", json.load(open(progress))["passed"])
        # check is still the notebook's after the exercise's own check() ran.
        reply, outputs = run_cell(self.kc, 'check("no-such-exercise")')
        self.assertEqual(reply["ename"], "ValueError")

    def test_silent_execution_shows_nothing_and_keeps_the_count(self):
        _, before = run_cell(self.kc, "1")
        count = [c for t, c in before if t == "execute_result"][0]["execution_count"]
        self.kc.execute("print('quiet')\n5", silent=True)
        reply = self.kc.get_shell_msg(timeout=10)["content"]
        self.assertEqual(reply["status"], "ok")
        reply, _ = run_cell(self.kc, "2")
        self.assertEqual(reply["execution_count"], count + 1)

    def test_cells_queued_after_an_error_are_aborted(self):
        # "Run All": every cell is sent at once; after an error the rest do not run.
        ids = [self.kc.execute(code) for code in ["1 / undefined_x", "ran_after_error = 1", "2"]]
        replies = {}
        while len(replies) < 3:
            reply = self.kc.get_shell_msg(timeout=20)
            replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        self.assertEqual([replies[i] for i in ids], ["error", "aborted", "aborted"])
        reply, _ = run_cell(self.kc, "ran_after_error")
        self.assertEqual(reply["ename"], "NameError")
        reply, _ = run_cell(self.kc, "3")
        self.assertEqual(reply["status"], "ok")


if __name__ == "__main__":
    unittest.main()

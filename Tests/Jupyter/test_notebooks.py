"""Every lesson, written by `optrepl notebook`, is a valid nbformat 4.5
notebook that runs top to bottom under nbclient with the optrepl kernel with
no error; its plot cells show SVG, its prose shows computed values, and each
exercise's solution, put in after its check cell, passes `check("ID")`."""

import os
import re
import subprocess
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

from kernel_helpers import OPTREPL

LESSONS = sorted(name[:-4] for name in os.listdir("lessons") if name.endswith(".opt"))
PLOT_CALL = re.compile(r"^\s*(plot|contour)\(", re.MULTILINE)
SOLUTION = re.compile(r"```python\n(.*?)\n```", re.DOTALL)


def outputs_of(cell, output_type):
    return [o for o in cell.get("outputs", []) if o.output_type == output_type]


def stream_text(cell, name):
    return "".join(o.text for o in outputs_of(cell, "stream") if o.name == name)


class LessonNotebookTests(unittest.TestCase):
    def write_notebook(self, lesson, folder):
        path = os.path.join(folder, lesson + ".ipynb")
        subprocess.run([OPTREPL, "notebook", lesson, "-o", path], check=True, capture_output=True)
        return path

    def test_every_lesson_runs_as_a_notebook(self):
        self.assertGreaterEqual(len(LESSONS), 13)
        with tempfile.TemporaryDirectory() as folder:
            for lesson in LESSONS:
                with self.subTest(lesson=lesson):
                    self.check_lesson(self.write_notebook(lesson, folder))

    def check_lesson(self, path):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        self.assertEqual((nb.nbformat, nb.nbformat_minor), (4, 5))
        self.assertEqual(nb.metadata.kernelspec.name, "optrepl")
        self.assertEqual(nb.metadata.language_info.file_extension, ".opt")
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                self.assertNotIn("{{", cell.source, "a markdown cell shows a raw template")
        # After each exercise's check, its solution and the check again: the notebook
        # as a learner gets it must run (the starter fails its check, quietly), and the
        # notebook's checker must pass the reference answer.
        solutions = {
            cell.metadata.optrepl.exercise: SOLUTION.search(cell.source).group(1)
            for cell in nb.cells
            if "solution" in cell.metadata.get("tags", [])
        }
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            if "check" in cell.metadata.get("tags", []):
                exercise = cell.metadata.optrepl.exercise
                answer = nbformat.v4.new_code_cell(solutions[exercise], metadata={"tags": ["answer"]})
                recheck = nbformat.v4.new_code_cell(cell.source, metadata={"tags": ["recheck"]})
                cells += [answer, recheck]
        nb.cells = cells
        NotebookClient(nb, kernel_name="optrepl", timeout=300).execute()
        plot_cells = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            self.assertEqual(outputs_of(cell, "error"), [], cell.source)
            tags = cell.metadata.get("tags", [])
            if "recheck" in tags:
                self.assertIn("passed", stream_text(cell, "stdout"), cell.source + stream_text(cell, "stderr"))
            elif "check" in tags:
                self.assertIn("not right yet", stream_text(cell, "stderr"))
            else:
                self.assertEqual(stream_text(cell, "stderr"), "", cell.source)
            if "prose" in tags:
                shown = [o.data["text/markdown"] for o in outputs_of(cell, "display_data")]
                self.assertEqual(len(shown), 1)
                self.assertNotIn("{{", shown[0])
            if PLOT_CALL.search(cell.source):
                plot_cells += 1
                svgs = [o for o in outputs_of(cell, "display_data") if "image/svg+xml" in o.data]
                self.assertGreaterEqual(len(svgs), 1, cell.source)
                self.assertIn("<svg", svgs[0].data["image/svg+xml"])
        self.assertGreaterEqual(plot_cells, 1)

    def test_notebook_without_solutions_and_from_a_file(self):
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "mine.ipynb")
            subprocess.run(
                [OPTREPL, "notebook", "lessons/adagrad.opt", "-o", out, "--no-solutions"], check=True, capture_output=True
            )
            nb = nbformat.read(out, as_version=4)
            nbformat.validate(nb)
            tags = [t for cell in nb.cells for t in cell.metadata.get("tags", [])]
            self.assertIn("exercise", tags)
            self.assertIn("hint", tags)
            self.assertNotIn("solution", tags)

    def test_unknown_lesson_is_a_usage_error(self):
        result = subprocess.run([OPTREPL, "notebook", "adagrd"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("adagrad", result.stderr)


if __name__ == "__main__":
    unittest.main()

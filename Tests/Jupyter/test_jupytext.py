"""Jupytext opens .opt files directly with the checked-in configuration
(.jupytext.py at the top of the checkout, or in ~/.config/jupytext/): the
`jupytext` command converts a lesson to a notebook that runs under the optrepl
kernel, and Jupyter's Jupytext contents manager (what JupyterLab uses) opens a
lesson as a notebook and saves it back unchanged."""

import os
import shutil
import subprocess
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

ROOT = os.getcwd()


class JupytextTests(unittest.TestCase):
    def test_jupytext_converts_a_lesson_that_runs_under_the_kernel(self):
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "adagrad.ipynb")
            subprocess.run(
                ["jupytext", "--to", "ipynb", "--set-kernel", "optrepl", "-o", out, "lessons/adagrad.opt"],
                check=True,
                capture_output=True,
            )
            nb = nbformat.read(out, as_version=4)
            nbformat.validate(nb)
            self.assertEqual(nb.metadata.kernelspec.name, "optrepl")
            titles = [cell.metadata.get("title") for cell in nb.cells]
            self.assertIn("[exercise adagrad-1]", titles)
            NotebookClient(nb, kernel_name="optrepl", timeout=300).execute()
            errors = [o for cell in nb.cells for o in cell.get("outputs", []) if o.output_type == "error"]
            self.assertEqual(errors, [])

    def test_without_the_configuration_jupytext_refuses_opt(self):
        with tempfile.TemporaryDirectory() as folder:
            shutil.copy("lessons/adagrad.opt", folder)
            result = subprocess.run(
                ["jupytext", "--to", "ipynb", "-o", os.path.join(folder, "a.ipynb"), "adagrad.opt"],
                cwd=folder,
                capture_output=True,
                text=True,
                env=dict(os.environ, XDG_CONFIG_HOME=folder),
            )
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("'.opt' is not a notebook extension", result.stderr)

    def test_the_contents_manager_opens_and_saves_a_lesson_as_a_notebook(self):
        # As JupyterLab and Jupyter Notebook use it, with the configuration installed
        # for the user (~/.config/jupytext/.jupytext.py): the contents manager does
        # not read a hidden configuration file beside the notebooks.
        from jupytext import TextFileContentsManager

        with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as config:
            os.makedirs(os.path.join(config, "jupytext"))
            shutil.copy(os.path.join(ROOT, ".jupytext.py"), os.path.join(config, "jupytext"))
            shutil.copy("lessons/adagrad.opt", folder)
            saved_config_home = os.environ.get("XDG_CONFIG_HOME")
            os.environ["XDG_CONFIG_HOME"] = config
            try:
                manager = TextFileContentsManager(root_dir=folder)
                model = manager.get("adagrad.opt")
                self.assertEqual(model["type"], "notebook")
                cells = model["content"].cells
                self.assertEqual(cells[0].cell_type, "markdown")
                self.assertGreater(sum(cell.cell_type == "code" for cell in cells), 10)
                manager.save(model, "adagrad.opt")
            finally:
                if saved_config_home is None:
                    del os.environ["XDG_CONFIG_HOME"]
                else:
                    os.environ["XDG_CONFIG_HOME"] = saved_config_home
            with open(os.path.join(folder, "adagrad.opt")) as saved, open("lessons/adagrad.opt") as original:
                self.assertEqual(saved.read(), original.read())

if __name__ == "__main__":
    unittest.main()

# Jupytext configuration: open optrepl's .opt lessons (Jupytext's percent
# format with `#` comments, like a .py script) as notebooks, with the
# `jupytext` command and in Jupyter's Jupytext contents manager.
#
# Jupytext keeps its file extensions in tables filled when it is imported and
# has no setting to add one; this file, which Jupytext runs as its
# configuration, adds ".opt" to those tables as a copy of ".py", then lists it
# among the notebook extensions. Put it in a folder above your .opt files or in
# ~/.config/jupytext/ (see the README).
import sys

import jupytext.formats
import jupytext.languages

if ".opt" not in jupytext.formats.NOTEBOOK_EXTENSIONS:
    for name, module in list(sys.modules.items()):
        if name == "jupytext" or name.startswith("jupytext."):
            for table in list(vars(module).values()):
                if isinstance(table, dict) and ".py" in table and ".opt" not in table:
                    table[".opt"] = table[".py"]
    jupytext.languages._SCRIPT_EXTENSIONS[".opt"] = {"language": "optrepl", "comment": "#"}
    jupytext.languages._COMMENT["optrepl"] = "#"
    jupytext.languages._JUPYTER_LANGUAGES.add("optrepl")
    for fmt in list(jupytext.formats.JUPYTEXT_FORMATS):
        if fmt.extension == ".py":
            jupytext.formats.JUPYTEXT_FORMATS.append(
                jupytext.formats.NotebookFormatDescription(
                    format_name=fmt.format_name,
                    extension=".opt",
                    header_prefix="#",
                    cell_reader_class=fmt.cell_reader_class,
                    cell_exporter_class=fmt.cell_exporter_class,
                    current_version_number=fmt.current_version_number,
                    min_readable_version_number=fmt.min_readable_version_number,
                )
            )
    for name, module in list(sys.modules.items()):
        extensions = getattr(module, "NOTEBOOK_EXTENSIONS", None) if name.startswith("jupytext") else None
        if isinstance(extensions, list) and ".opt" not in extensions:
            extensions.append(".opt")

c.notebook_extensions = list(jupytext.formats.NOTEBOOK_EXTENSIONS)

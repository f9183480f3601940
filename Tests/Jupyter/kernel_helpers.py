"""What the kernel tests share: a private progress folder, the optrepl binary,
and running one cell through a client and collecting what it shows."""

import os
import tempfile

# Exercises passed in these tests must not touch the learner's own progress file.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="optrepl-kernel-tests-")

OPTREPL = os.environ.get("OPTREPL", ".build/debug/optrepl")
TIMEOUT = 60


def run_cell(kc, code, timeout=TIMEOUT):
    """Executes `code`; returns (reply content, [(msg_type, content)] of its iopub outputs)."""
    outputs = []

    def hook(msg):
        if msg["msg_type"] not in ("status", "execute_input"):
            outputs.append((msg["msg_type"], msg["content"]))

    reply = kc.execute_interactive(code, output_hook=hook, timeout=timeout)
    return reply["content"], outputs


def stdout_of(outputs):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stdout")


def stderr_of(outputs):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stderr")

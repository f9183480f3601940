"""Runs the Jupyter-side tests (unittest) and ends with a closing line CI reads:
'jupyter: N passed, N failed'."""

import sys
import unittest

folder = sys.argv[1]
sys.path.insert(0, folder)
suite = unittest.defaultTestLoader.discover(folder, pattern="test_*.py")
result = unittest.TextTestRunner(verbosity=2).run(suite)
failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
passed = result.testsRun - failed - len(result.skipped)
print(f"jupyter: {passed} passed, {failed} failed" + (f", {len(result.skipped)} skipped" if result.skipped else ""))
sys.exit(0 if failed == 0 and result.testsRun > 0 else 1)

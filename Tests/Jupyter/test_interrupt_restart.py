"""A long loop stopped by an interrupt (SIGINT, as the kernelspec asks, and
interrupt_request on the control channel) ends with KeyboardInterrupt and the
kernel lives on; a kernel killed mid-cell is restarted by the client."""

import os
import signal
import time
import unittest

from jupyter_client.manager import start_new_kernel

from kernel_helpers import run_cell

LONG_LOOP = "total = 0\nwhile True:\n    total = total + 1"


class InterruptTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = start_new_kernel(kernel_name="optrepl")

    def tearDown(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def interrupted_reply(self, interrupt):
        run_cell(self.kc, "kept = 7")
        msg_id = self.kc.execute(LONG_LOOP)
        time.sleep(1.5)
        interrupt()
        while True:
            reply = self.kc.get_shell_msg(timeout=20)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    def check_kernel_lives_on(self):
        reply, outputs = run_cell(self.kc, "kept * 6")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["42"])
        reply, outputs = run_cell(self.kc, "total > 0")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["True"])

    def test_sigint_interrupts_a_long_loop(self):
        self.assertEqual(self.km.kernel_spec.interrupt_mode, "signal")
        reply = self.interrupted_reply(self.km.interrupt_kernel)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "KeyboardInterrupt")
        self.check_kernel_lives_on()

    def test_interrupt_request_on_control_interrupts_a_long_loop(self):
        def send_interrupt_request():
            self.kc.control_channel.send(self.kc.session.msg("interrupt_request", {}))

        reply = self.interrupted_reply(send_interrupt_request)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "KeyboardInterrupt")
        control_reply = self.kc.control_channel.get_msg(timeout=10)
        self.assertEqual(control_reply["msg_type"], "interrupt_reply")
        self.check_kernel_lives_on()

    def test_interrupt_while_idle_does_not_stop_the_next_cell(self):
        os.kill(self.km.provisioner.pid, signal.SIGINT)
        time.sleep(0.5)
        reply, _ = run_cell(self.kc, "s = 0\nfor i in range(100000):\n    s = s + i\ns")
        self.assertEqual(reply["status"], "ok")


class RestartTests(unittest.TestCase):
    def test_a_kernel_killed_mid_cell_is_restarted_by_the_client(self):
        km, kc = start_new_kernel(kernel_name="optrepl")
        try:
            run_cell(kc, "before_the_crash = 1")
            kc.execute(LONG_LOOP)
            time.sleep(1)
            os.kill(km.provisioner.pid, signal.SIGKILL)
            deadline = time.time() + 10
            while km.is_alive() and time.time() < deadline:
                time.sleep(0.1)
            self.assertFalse(km.is_alive())
            km.restart_kernel(now=True)
            kc.stop_channels()
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=90)  # a debug-build kernel on a busy machine
            reply, outputs = run_cell(kc, "1 + 1")
            self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["2"])
            self.assertEqual(reply["execution_count"], 1)  # a new session
            reply, _ = run_cell(kc, "before_the_crash")
            self.assertEqual(reply["ename"], "NameError")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_shutdown_with_restart_ends_the_kernel_and_the_client_starts_a_new_one(self):
        km, kc = start_new_kernel(kernel_name="optrepl")
        try:
            run_cell(kc, "x = 5")
            km.restart_kernel()  # a shutdown_request with restart=True, then a new kernel
            kc.wait_for_ready(timeout=90)  # a debug-build kernel on a busy machine
            reply, _ = run_cell(kc, "x")
            self.assertEqual(reply["ename"], "NameError")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()

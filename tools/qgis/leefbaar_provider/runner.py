"""Runs the leefbaar executable for one algorithm: streams its progress and messages into
the Processing feedback and stops it, as Ctrl-C does, when the user cancels."""
import codecs
import os
import queue
import signal
import subprocess
import threading
import time

from .progress import ProgressParser

# docs/exit-codes.md
EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_SYSTEM, EXIT_CANCELLED = 0, 1, 2, 3, 4
EXIT_MEANING = {EXIT_DATA: "data error", EXIT_USAGE: "usage error", EXIT_SYSTEM: "system error", EXIT_CANCELLED: "cancelled"}
# After the first SIGINT leefbaar stops at its next progress report; if that takes
# longer than this, a second SIGINT stops it at once (still removing its temporaries).
SECOND_SIGNAL_AFTER_S = 10.0


class RunResult:
    def __init__(self, code, stdout, errors):
        self.code = code
        self.stdout = stdout      # what leefbaar printed on stdout (its summary)
        self.errors = errors      # its "error: ..." message with the hint lines

    @property
    def cancelled(self):
        return self.code == EXIT_CANCELLED


def _pump(stream, name, out):
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    while True:
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            out.put((name, decoder.decode(b"", final=True)))
            out.put((name, None))
            return
        out.put((name, decoder.decode(chunk)))


class _Messages:
    """Routes leefbaar's stderr lines and bars into the feedback."""

    def __init__(self, feedback):
        self.feedback = feedback
        self.errors = []
        self.last_text = None
        self.stderr = ProgressParser(self.progress, self.line)

    def progress(self, percent, label, message):
        self.feedback.setProgress(min(percent, 99))  # 100 only once the outputs are in place
        text = "%s: %s" % (label, message) if message else label
        if text != self.last_text:
            self.last_text = text
            self.feedback.setProgressText(text)

    def line(self, text):
        if text.startswith("error:") or (self.errors and text.startswith("hint:")):
            self.errors.append(text)
        elif text.startswith("warning:"):
            self.feedback.pushWarning(text[len("warning:"):].strip())
        else:
            self.feedback.pushInfo(text)


def run(argv, feedback, env=None):
    """Runs argv; returns a RunResult. Cancelling the feedback sends SIGINT."""
    feedback.pushCommandInfo(" ".join(_quote(a) for a in argv))
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    chunks = queue.Queue()
    for stream, name in ((proc.stdout, "out"), (proc.stderr, "err")):
        threading.Thread(target=_pump, args=(stream, name, chunks), daemon=True).start()
    messages, stdout, open_streams = _Messages(feedback), [], 2
    interrupted_at = None
    while open_streams:
        if feedback.isCanceled() and interrupted_at is None:
            interrupted_at = _interrupt(proc, feedback)
        elif interrupted_at is not None and time.monotonic() - interrupted_at > SECOND_SIGNAL_AFTER_S:
            interrupted_at = _interrupt(proc, feedback)
        try:
            name, text = chunks.get(timeout=0.1)
        except queue.Empty:
            continue
        if text is None:
            open_streams -= 1
        elif name == "err":
            messages.stderr.feed(text)
        else:
            stdout.append(text)
    messages.stderr.finish()
    code = proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    out = "".join(stdout)
    for line in out.splitlines():
        if line.strip():
            feedback.pushConsoleInfo(line)
    return RunResult(code, out, "\n".join(messages.errors))


def _interrupt(proc, feedback):
    if proc.poll() is None:
        feedback.pushInfo("Cancelling leefbaar (SIGINT) ...")
        if os.name == "posix":
            proc.send_signal(signal.SIGINT)
        else:  # no SIGINT for a child without a console: stop it
            proc.terminate()
    return time.monotonic()


def _quote(arg):
    return arg if arg and all(c.isalnum() or c in "-_./=:,+@%" for c in arg) else "'" + arg.replace("'", "'\\''") + "'"

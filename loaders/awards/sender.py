"""Send planned chunks to the store in order while the loader plans the next ones."""

from __future__ import annotations

import asyncio
from typing import Generic, Protocol, TypeVar

_PLANNED_AHEAD = 2  # planned chunks waiting for the store; each holds a chunk's lines

Planned = TypeVar("Planned")
Planned_contra = TypeVar("Planned_contra", contravariant=True)


class ChunkWriter(Protocol[Planned_contra]):
    async def send(self, planned: Planned_contra) -> None: ...


class ChunkSender(Generic[Planned]):
    """Sends planned chunks to the store in order, one at a time, from a task of its own, so
    that the loader plans the next chunk (Python work) while the store writes this one.

    After a failed write the rest is discarded, not sent: a later chunk may need what the
    failed one would have written. The failure is raised by the next `put`, `drain` or `close`.
    """

    def __init__(self, writer: ChunkWriter[Planned], ahead: int = _PLANNED_AHEAD) -> None:
        self._writer = writer
        self._queue: asyncio.Queue[Planned | None] = asyncio.Queue(maxsize=ahead)
        self._error: BaseException | None = None
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            planned = await self._queue.get()
            try:
                if planned is None:
                    return
                if self._error is None:
                    await self._writer.send(planned)
            except Exception as error:  # raised to the loader by its next call
                self._error = error
            finally:
                self._queue.task_done()

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise self._error

    async def put(self, planned: Planned) -> None:
        self._raise_failure()
        await self._queue.put(planned)
        await asyncio.sleep(0)  # the sending task starts on it now, not when the caller next waits

    async def drain(self) -> None:
        """Wait until every chunk put so far is written."""
        await self._queue.join()
        self._raise_failure()

    async def close(self) -> None:
        await self._queue.put(None)
        await self._task
        self._raise_failure()

    def cancel(self) -> None:
        self._task.cancel()

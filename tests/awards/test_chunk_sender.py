"""Planned chunks are written in order while the next is planned; after a failed write nothing later is sent."""

from __future__ import annotations

import asyncio

import pytest

from loaders.awards.sender import ChunkSender
from loaders.awards.writer import PlannedChunk


class RecordingWriter:
    """Writes nothing: records which chunks reached it, and fails on the one named `fail_on`."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.sent: list[str] = []

    async def send(self, planned: PlannedChunk) -> None:
        await asyncio.sleep(0.01)  # a store takes a while; the loader plans meanwhile
        name = planned.enterprises[0]
        if name == self.fail_on:
            raise RuntimeError(f"store refused {name}")
        self.sent.append(name)


def chunk(name: str) -> PlannedChunk:
    return PlannedChunk(enterprises=[name])


async def test_chunks_are_written_in_the_order_they_were_planned() -> None:
    writer = RecordingWriter()
    sender = ChunkSender(writer, ahead=2)
    for index in range(6):
        await sender.put(chunk(f"chunk-{index}"))
    await sender.drain()
    assert writer.sent == [f"chunk-{index}" for index in range(6)]
    await sender.close()


async def test_a_failed_write_is_raised_and_nothing_after_it_is_sent() -> None:
    writer = RecordingWriter(fail_on="chunk-1")
    sender = ChunkSender(writer, ahead=1)
    with pytest.raises(RuntimeError, match="store refused chunk-1"):
        for index in range(5):
            await sender.put(chunk(f"chunk-{index}"))
        await sender.close()
    sender.cancel()
    assert writer.sent == ["chunk-0"]

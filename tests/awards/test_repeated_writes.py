"""A create statement sent twice (the store repeats one whose answer timed out) changes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph.queries import awards as q
from graph.queries.policies import graph_counts
from graph.runtime import StoreRuntime
from graph.store import GraphStore
from loaders.vocabulary import load_vocabulary
from loaders.vocabulary_writer import write_vocabulary
from tests.conftest import second_graph


@pytest.fixture(scope="module")
async def repeat_store(runtime: StoreRuntime, seed_dir: Path) -> AsyncIterator[GraphStore]:
    store = await second_graph(runtime, "awards_repeated")
    await write_vocabulary(store, load_vocabulary(seed_dir / "vocabulary"))
    try:
        yield store
    finally:
        await store.close()


async def test_the_merge_twins_take_over_when_the_nodes_exist(repeat_store: GraphStore) -> None:
    positions = {kind: {uid: i for i, uid in enumerate(uids)}
                 for kind, uids in (await q.reference_uids(repeat_store)).items()}
    city = next(uid for uid in positions["cities"])
    program = "prog-industrial-foundation-implementation"
    enterprise = f"ent-repeat\t示例重复写入有限公司\t示例重复写入\t\t{positions['cities'][city]}\t\t"
    project = (f"ent-repeat\tprj-repeat\t示例项目\t示例项目\t{city}\t\t\t",
               [f"awd-repeat-1\t{positions['programs'][program]}\t1234500000\t2018\t\t清单\t\t3"])
    extra_award = f"awd-repeat-2\t{positions['programs'][program]}\t500000000\t2019\t\t清单\t\t4\tprj-repeat"
    single = (f"ent-repeat\tprj-single\t示例单项\t示例单项\t{city}\t\t\t\t"
              f"awd-single\t{positions['programs'][program]}\t100000000\t2020\t\t清单\t\t5")

    for _ in range(2):
        await q.create_enterprises(repeat_store, [enterprise], sample=False)
        await q.create_projects(repeat_store, [project], source_file="a.csv", sample=False)
        await q.create_awards(repeat_store, [extra_award], source_file="a.csv", sample=False)
        await q.create_single_award_projects(repeat_store, [single], source_file="a.csv", sample=False)
        counts = await graph_counts(repeat_store)
        assert (counts["node:Enterprise"], counts["node:Project"], counts["node:Award"]) == (1, 2, 3)
        assert (counts["rel:BY"], counts["rel:RECEIVED"], counts["rel:FROM"], counts["rel:LOCATED_IN"]) == (
            2, 3, 3, 1)

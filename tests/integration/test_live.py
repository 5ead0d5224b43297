"""Live run events over `GET /api/ws`: order, reconnecting with the last
sequence number, the runs feed, and what a bad message gets."""
import asyncio
import json

import pytest
import websockets

CHAIN = {
    "id": "chain20",
    "nodes": [{"id": "n0", "type": "delay", "config": {"ms": 40}}] + [
        {"id": f"n{i}", "type": "delay", "config": {"ms": 40}} for i in range(1, 20)],
    "edges": [{"source": f"n{i}", "target": f"n{i + 1}"} for i in range(19)],
}


def ws_url(server):
    return f"ws://127.0.0.1:{server.port}/api/ws"


def connect(server, **kw):
    """A WebSocket to the server as its owner: a browser cannot set headers,
    so the token travels as a subprotocol, next to `weft`."""
    return websockets.connect(ws_url(server), subprotocols=["weft", f"weft.bearer.{server.token}"], **kw)


async def receive_until(ws, done, timeout=10):
    """Messages until done(message) is true (that one included)."""
    got = []
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        got.append(message)
        if done(message):
            return got


def run_finished(message):
    return message.get("type") == "run.finished"


def start(server, pipeline_id, body=None):
    status, started, _ = server.post(f"/api/pipelines/{pipeline_id}/run?wait=false", body or {})
    assert status == 202, started
    return started["execution_id"]


def test_the_events_of_a_20_node_run_arrive_in_order(server):
    assert server.post("/api/pipelines", CHAIN)[0] == 201

    async def scenario():
        async with connect(server) as ws:
            assert ws.subprotocol == "weft"
            execution = start(server, "chain20")
            await ws.send(json.dumps({"op": "subscribe", "execution_id": execution, "after": 0}))
            messages = await receive_until(ws, run_finished)
            return execution, messages

    execution, messages = asyncio.run(scenario())
    assert messages[0] == {"type": "subscribed", "execution_id": execution}
    events = messages[1:]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["type"] == "run.started" and events[-1]["data"]["status"] == "succeeded"
    finished = [e["node_id"] for e in events if e["type"] == "node.finished"]
    assert finished == [f"n{i}" for i in range(20)]
    for i in range(20):  # each node starts after its upstream finished
        started_at = next(k for k, e in enumerate(events) if e["type"] == "node.started" and e["node_id"] == f"n{i}")
        if i:
            assert started_at > next(k for k, e in enumerate(events)
                                     if e["type"] == "node.finished" and e["node_id"] == f"n{i - 1}")


def test_a_run_followed_while_it_waits_in_the_queue_shows_every_event_once_it_starts(server):
    one_at_a_time = dict(CHAIN, id="chain-queued", settings={"run_concurrency": 1})
    assert server.post("/api/pipelines", one_at_a_time)[0] == 201

    async def scenario():
        start(server, "chain-queued")
        waiting = start(server, "chain-queued")  # waits for the first, about 0.8 s
        assert server.get(f"/api/executions/{waiting}")[1]["status"] == "queued"
        async with connect(server) as ws:
            await ws.send(json.dumps({"op": "subscribe", "execution_id": waiting, "after": 0}))
            return waiting, await receive_until(ws, run_finished, timeout=20)

    waiting, messages = asyncio.run(scenario())
    assert messages[0] == {"type": "subscribed", "execution_id": waiting}
    events = messages[1:]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["type"] == "run.started" and events[-1]["data"]["status"] == "succeeded"
    assert [e["node_id"] for e in events if e["type"] == "node.finished"] == [f"n{i}" for i in range(20)]


def test_a_run_followed_while_it_waits_hears_its_end_when_it_is_cancelled_before_it_starts(server):
    one_at_a_time = dict(CHAIN, id="chain-cancelled", settings={"run_concurrency": 1})
    assert server.post("/api/pipelines", one_at_a_time)[0] == 201

    async def scenario():
        start(server, "chain-cancelled")
        waiting = start(server, "chain-cancelled")
        async with connect(server) as ws:
            await ws.send(json.dumps({"op": "subscribe", "feed": "runs"}))
            await ws.send(json.dumps({"op": "subscribe", "execution_id": waiting, "after": 0}))
            await asyncio.sleep(0.1)
            assert server.post(f"/api/executions/{waiting}/cancel")[0] == 202
            return waiting, await receive_until(ws, run_finished, timeout=10)

    waiting, messages = asyncio.run(scenario())
    finished = [m for m in messages if m.get("type") == "run.finished"]
    assert finished == [dict(finished[0], seq=1, execution_id=waiting)]
    assert finished[0]["data"]["status"] == "cancelled"
    feed = [m for m in messages if m.get("feed") == "runs" and m.get("execution_id") == waiting]
    assert [m["status"] for m in feed] == ["cancelled"], feed


def test_a_client_that_reconnects_with_its_last_seq_gets_the_rest_exactly_once(server):
    assert server.post("/api/pipelines", CHAIN)[0] == 201

    async def scenario():
        execution = start(server, "chain20")
        async with connect(server) as ws:
            await ws.send(json.dumps({"op": "subscribe", "execution_id": execution, "after": 0}))
            first = await receive_until(
                ws, lambda m: m.get("type") == "node.finished" and m["node_id"] == "n5")
        await asyncio.sleep(0.2)  # events go on while nobody listens
        last = first[-1]["seq"]
        async with connect(server) as ws:
            await ws.send(json.dumps({"op": "subscribe", "execution_id": execution, "after": last}))
            rest = await receive_until(ws, run_finished)
        return first[1:], rest[1:]

    first, rest = asyncio.run(scenario())
    seqs = [e["seq"] for e in first + rest]
    assert seqs == list(range(1, len(seqs) + 1)), "a gap or a duplicate"
    assert rest[0]["seq"] == first[-1]["seq"] + 1
    assert [e["node_id"] for e in first + rest if e["type"] == "node.finished"] == [f"n{i}" for i in range(20)]


def test_a_finished_run_is_replayed_to_a_late_subscriber(server):
    status, body, _ = server.post("/api/pipelines/ticket-triage/run", {"text": "urgent: site down"})
    assert status == 200

    async def scenario():
        async with connect(server) as ws:
            await ws.send(json.dumps({"op": "subscribe", "execution_id": body["execution_id"]}))
            return await receive_until(ws, run_finished)

    events = asyncio.run(scenario())[1:]
    skipped = {e["node_id"] for e in events if e["type"] == "node.finished" and e["data"]["status"] == "skipped"}
    assert skipped == {"routine"}
    assert events[-1]["data"]["outputs"]["answer"].startswith("ESCALATE")


def test_the_runs_feed_reports_status_changes(server):
    async def scenario():
        async with connect(server) as ws:
            await ws.send(json.dumps({"op": "subscribe", "feed": "runs"}))
            assert json.loads(await ws.recv()) == {"type": "subscribed", "feed": "runs"}
            execution = start(server, "ticket-triage", {"text": "hello"})
            updates = await receive_until(ws, lambda m: m.get("status") == "succeeded")
            return execution, updates

    execution, updates = asyncio.run(scenario())
    assert [(u["execution_id"], u["status"]) for u in updates] == [(execution, "running"), (execution, "succeeded")]
    assert all(u["pipeline_id"] == "ticket-triage" and u["feed"] == "runs" for u in updates)


def test_bad_messages_get_an_error_that_says_what_to_send(server):
    async def scenario():
        async with connect(server) as ws:
            replies = []
            for message in ["not json", "[1]", json.dumps({"op": "dance"}),
                            json.dumps({"op": "subscribe", "execution_id": "ex_nope"}),
                            json.dumps({"op": "subscribe", "execution_id": "x", "after": -1}),
                            json.dumps({"op": "ping"})]:
                await ws.send(message)
                replies.append(json.loads(await ws.recv()))
                if replies[-1].get("type") == "subscribed":
                    replies.append(json.loads(await ws.recv()))
            return replies

    replies = asyncio.run(scenario())
    assert replies[0]["type"] == "error" and "malformed message" in replies[0]["message"]
    assert replies[1]["type"] == "error" and "JSON object" in replies[1]["message"]
    assert replies[2]["type"] == "error" and '"op":"subscribe"' in replies[2]["message"]
    assert replies[3]["type"] == "subscribed" and replies[4]["type"] == "error" and "ex_nope" in replies[4]["message"]
    assert replies[5]["type"] == "error" and "after" in replies[5]["message"]
    assert replies[6] == {"type": "pong"}


def test_plain_get_on_the_websocket_path_is_426(server):
    status, body, headers = server.get("/api/ws")
    assert status == 426 and body["error"]["code"] == "upgrade_required"
    assert headers["Upgrade"] == "websocket"


def test_after_a_restart_a_run_is_replayed_from_the_stored_node_runs(data_dir):
    from conftest import Server
    first = Server(data_dir).start()
    try:
        status, body, _ = first.post("/api/pipelines/ticket-triage/run", {"text": "calm day"})
        assert status == 200
    finally:
        first.stop()
    second = Server(data_dir).start()
    try:
        async def scenario():
            async with connect(second) as ws:
                await ws.send(json.dumps({"op": "subscribe", "execution_id": body["execution_id"], "after": 3}))
                return await receive_until(ws, run_finished)

        messages = asyncio.run(scenario())
    finally:
        second.stop()
    # The live numbering died with the first process: the client is told to start over.
    assert messages[1] == {"type": "replay.reset", "execution_id": body["execution_id"]}
    events = messages[2:]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert all(e["replayed"] for e in events)
    finished = {e["node_id"]: e["data"] for e in events if e["type"] == "node.finished"}
    assert finished["routine"]["status"] == "succeeded" and finished["escalate"]["status"] == "skipped"
    assert events[-1]["data"]["status"] == "succeeded"


def test_a_socket_whose_key_is_revoked_is_told_and_closed_with_4401(server):
    status, key, _ = server.post("/api/api-keys", {"name": "watcher", "scope": "full"})
    assert status == 201, key
    assert server.post("/api/pipelines", CHAIN)[0] == 201

    async def scenario():
        async with websockets.connect(ws_url(server), subprotocols=["weft", f"weft.bearer.{key['key']}"]) as ws:
            await ws.send(json.dumps({"op": "subscribe", "feed": "runs"}))
            assert json.loads(await ws.recv()) == {"type": "subscribed", "feed": "runs"}
            assert server.delete(f"/api/api-keys/{key['id']}")[0] == 200
            await ws.send(json.dumps({"op": "subscribe", "execution_id": start(server, "chain20")}))
            said = await receive_until(ws, lambda m: m.get("type") == "error")
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 5)
            return said, closed.value

    said, closed = asyncio.run(scenario())
    # Run status messages may come first; then the error, and no subscription.
    assert not any(m.get("type") == "subscribed" for m in said)
    assert said[-1]["code"] == "unauthenticated" and "revoked" in said[-1]["message"]
    assert closed.rcvd.code == 4401

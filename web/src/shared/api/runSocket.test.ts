import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from './types';
import { createRunSocket } from './runSocket';

/** A WebSocket double: records what the client sends, lets the test open, close and push. */
class MockSocket {
  static all: MockSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onclose: ((e?: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    MockSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  push(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const event = (seq: number, type: RunEvent['type'] = 'node.token'): RunEvent => ({
  seq,
  type,
  execution_id: 'ex_1',
  node_id: 'a',
  data: { text: String(seq) },
});

describe('run socket', () => {
  beforeEach(() => {
    MockSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const make = () =>
    createRunSocket({ url: 'ws://x/api/ws', WebSocketImpl: MockSocket as unknown as typeof WebSocket, minDelay: 100, maxDelay: 1000 });

  it('subscribes, delivers events once, and resubscribes after a drop with its last seq', () => {
    const socket = make();
    const got: number[] = [];
    socket.subscribe('ex_1', (e) => got.push(e.seq));
    const first = MockSocket.all[0] as MockSocket;
    first.open();
    expect(first.sent).toEqual([{ op: 'subscribe', execution_id: 'ex_1', after: 0 }]);
    first.push(event(1));
    first.push(event(2));
    first.push(event(2)); // duplicate
    first.push(event(1)); // late
    expect(got).toEqual([1, 2]);

    first.drop();
    expect(socket.state()).toBe('reconnecting');
    vi.advanceTimersByTime(200);
    const second = MockSocket.all[1] as MockSocket;
    second.open();
    expect(second.sent).toEqual([{ op: 'subscribe', execution_id: 'ex_1', after: 2 }]);
    second.push(event(2)); // the server repeating what we had
    second.push(event(3));
    expect(got).toEqual([1, 2, 3]);
    expect(socket.lastSeq('ex_1')).toBe(3);
  });

  it('renews the token and comes back at once when the server closes with 4401', async () => {
    let token = 'old-token';
    const refresh = vi.fn(() => {
      token = 'new-token';
      return Promise.resolve(true);
    });
    const socket = createRunSocket({
      url: 'ws://x/api/ws',
      WebSocketImpl: MockSocket as unknown as typeof WebSocket,
      getToken: () => token,
      refresh,
    });
    const got: number[] = [];
    socket.subscribe('ex_1', (e) => got.push(e.seq));
    const first = MockSocket.all[0] as MockSocket;
    expect(first.protocols).toEqual(['weft', 'weft.bearer.old-token']);
    first.open();
    first.push(event(1));
    first.push({ type: 'error', code: 'unauthenticated', message: 'the access token has expired' });
    first.drop(4401);
    expect(socket.state()).toBe('reconnecting');
    await vi.waitFor(() => expect(MockSocket.all).toHaveLength(2)); // no backoff wait
    expect(refresh).toHaveBeenCalledTimes(1);
    const second = MockSocket.all[1] as MockSocket;
    expect(second.protocols).toEqual(['weft', 'weft.bearer.new-token']);
    second.open();
    expect(second.sent).toEqual([{ op: 'subscribe', execution_id: 'ex_1', after: 1 }]);
    second.push(event(2));
    expect(got).toEqual([1, 2]);
  });

  it('starts a run over on replay.reset', () => {
    const socket = make();
    const got: number[] = [];
    let resets = 0;
    socket.subscribe('ex_1', (e) => got.push(e.seq), 5, () => resets++);
    const ws = MockSocket.all[0] as MockSocket;
    ws.open();
    expect(ws.sent).toEqual([{ op: 'subscribe', execution_id: 'ex_1', after: 5 }]);
    ws.push({ type: 'replay.reset', execution_id: 'ex_1' });
    ws.push(event(1));
    ws.push(event(2));
    expect(resets).toBe(1);
    expect(got).toEqual([1, 2]);
  });

  it('reports unavailable when the endpoint never opens, so views poll', () => {
    const socket = make();
    const states: string[] = [];
    socket.onState((s) => states.push(s));
    socket.subscribe('ex_1', () => {});
    (MockSocket.all[0] as MockSocket).drop();
    vi.advanceTimersByTime(300);
    (MockSocket.all[1] as MockSocket).drop();
    expect(socket.state()).toBe('unavailable');
    expect(states).toContain('unavailable');
  });

  it('delivers the runs feed and unsubscribes when the last listener leaves', () => {
    const socket = make();
    const feed: string[] = [];
    const stop = socket.subscribeFeed((m) => feed.push(m.status));
    const ws = MockSocket.all[0] as MockSocket;
    ws.open();
    expect(ws.sent).toEqual([{ op: 'subscribe', feed: 'runs' }]);
    ws.push({ feed: 'runs', type: 'execution.updated', execution_id: 'ex_9', pipeline_id: 'p', status: 'failed' });
    expect(feed).toEqual(['failed']);
    stop();
    expect(ws.sent.at(-1)).toEqual({ op: 'unsubscribe', feed: 'runs' });
    expect(socket.state()).toBe('idle');
  });
});

import type { FeedMessage, RunEvent } from './types';

/** `open` once connected; `unavailable` after the first attempts failed (use polling). */
export type SocketState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'unavailable';

type EventListener = (event: RunEvent) => void;
/** Told when the server starts a run's events over from seq 1 (`replay.reset`). */
type ResetListener = () => void;
type FeedListener = (message: FeedMessage) => void;
type StateListener = (state: SocketState) => void;

interface Subscription {
  lastSeq: number;
  listeners: Set<EventListener>;
  resets: Set<ResetListener>;
}

export interface RunSocketOptions {
  url: string;
  getToken?: () => string | null;
  /** Renews the session's token (resolves at once while it is fresh); called before reconnecting. */
  refresh?: () => Promise<boolean>;
  /** Injected in tests. */
  WebSocketImpl?: typeof WebSocket;
  /** Backoff bounds in ms. */
  minDelay?: number;
  maxDelay?: number;
}

/**
 * One WebSocket to `/api/ws` shared by every live view. Subscriptions survive
 * reconnects: after a drop it reconnects with backoff and resubscribes with the
 * last seq it saw, and drops any event at or below that seq (no duplicates).
 */
export interface RunSocket {
  subscribe(executionId: string, listener: EventListener, after?: number, onReset?: ResetListener): () => void;
  subscribeFeed(listener: FeedListener): () => void;
  onState(listener: StateListener): () => void;
  state(): SocketState;
  lastSeq(executionId: string): number;
}

/** The subprotocol the server offers (docs/api.md, "Live events"). */
const kSubprotocol = 'weft';
const kBearerPrefix = 'weft.bearer.';
/** Failed connection attempts, never opened, before the socket says `unavailable`. */
const kUnavailableAfter = 2;
/** The server's close code when the token expired or was revoked: renew it and come back at once. */
const kSignInAgain = 4401;

export function createRunSocket(options: RunSocketOptions): RunSocket {
  const Impl = options.WebSocketImpl ?? (typeof WebSocket === 'undefined' ? undefined : WebSocket);
  const minDelay = options.minDelay ?? 250;
  const maxDelay = options.maxDelay ?? 8000;
  const subs = new Map<string, Subscription>();
  const feedListeners = new Set<FeedListener>();
  const stateListeners = new Set<StateListener>();
  let ws: WebSocket | null = null;
  let state: SocketState = 'idle';
  let everOpened = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: SocketState) => {
    if (next !== state) {
      state = next;
      stateListeners.forEach((l) => l(next));
    }
  };
  const wanted = () => subs.size > 0 || feedListeners.size > 0;
  const send = (message: object) => {
    if (ws && ws.readyState === 1) {
      ws.send(JSON.stringify(message));
    }
  };

  const onMessage = (raw: unknown) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(String(raw)) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message.type === 'replay.reset' && typeof message.execution_id === 'string') {
      const sub = subs.get(message.execution_id);
      if (sub) {
        sub.lastSeq = 0;
        sub.resets.forEach((l) => l());
      }
      return;
    }
    if (message.type === 'error') {
      console.warn('weft websocket:', message.message);
      return;
    }
    if (message.feed === 'runs') {
      feedListeners.forEach((l) => l(message as unknown as FeedMessage));
      return;
    }
    if (typeof message.seq !== 'number' || typeof message.execution_id !== 'string') {
      return;
    }
    const sub = subs.get(message.execution_id);
    if (!sub || message.seq <= sub.lastSeq) {
      return;
    }
    sub.lastSeq = message.seq;
    const event = message as unknown as RunEvent;
    sub.listeners.forEach((l) => l(event));
  };

  /** Connects with a renewed token when the session can renew one. */
  const reconnect = () => {
    if (options.refresh) {
      void options
        .refresh()
        .catch(() => false)
        .then(() => connect());
    } else {
      connect();
    }
  };

  const scheduleReconnect = () => {
    if (timer || !wanted()) {
      return;
    }
    const delay = Math.min(maxDelay, minDelay * 2 ** Math.min(Math.max(failures - 1, 0), 8));
    const jitter = Math.random() * delay * 0.2;
    timer = setTimeout(() => {
      timer = null;
      reconnect();
    }, delay + jitter);
  };

  const connect = () => {
    if (ws || !Impl || !wanted()) {
      if (!Impl) {
        setState('unavailable');
      }
      return;
    }
    setState(everOpened ? 'reconnecting' : failures >= kUnavailableAfter ? 'unavailable' : 'connecting');
    // A browser cannot set headers on a WebSocket: the token rides as a subprotocol.
    const token = options.getToken?.() ?? null;
    const socket = new Impl(options.url, token ? [kSubprotocol, `${kBearerPrefix}${token}`] : kSubprotocol);
    ws = socket;
    socket.onopen = () => {
      everOpened = true;
      failures = 0;
      setState('open');
      subs.forEach((sub, id) => send({ op: 'subscribe', execution_id: id, after: sub.lastSeq }));
      if (feedListeners.size > 0) {
        send({ op: 'subscribe', feed: 'runs' });
      }
    };
    socket.onmessage = (e: MessageEvent) => onMessage(e.data);
    socket.onclose = (e?: CloseEvent) => {
      if (ws !== socket) {
        return;
      }
      ws = null;
      if (!wanted()) {
        setState('idle');
        return;
      }
      if (e?.code === kSignInAgain) {
        // The token ran out, not the server: renew it and resubscribe from the last seq.
        setState('reconnecting');
        reconnect();
        return;
      }
      failures += 1;
      setState(!everOpened && failures >= kUnavailableAfter ? 'unavailable' : 'reconnecting');
      scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and handles the retry.
    };
  };

  const releaseIfUnused = () => {
    if (wanted()) {
      return;
    }
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const socket = ws;
    ws = null;
    socket?.close();
    setState('idle');
  };

  return {
    subscribe(executionId, listener, after = 0, onReset) {
      let sub = subs.get(executionId);
      if (!sub) {
        sub = { lastSeq: after, listeners: new Set(), resets: new Set() };
        subs.set(executionId, sub);
        send({ op: 'subscribe', execution_id: executionId, after });
      }
      sub.listeners.add(listener);
      if (onReset) sub.resets.add(onReset);
      connect();
      return () => {
        const current = subs.get(executionId);
        if (!current) {
          return;
        }
        current.listeners.delete(listener);
        if (onReset) current.resets.delete(onReset);
        if (current.listeners.size === 0) {
          subs.delete(executionId);
          send({ op: 'unsubscribe', execution_id: executionId });
          releaseIfUnused();
        }
      };
    },
    subscribeFeed(listener) {
      const first = feedListeners.size === 0;
      feedListeners.add(listener);
      if (first) {
        send({ op: 'subscribe', feed: 'runs' });
      }
      connect();
      return () => {
        feedListeners.delete(listener);
        if (feedListeners.size === 0) {
          send({ op: 'unsubscribe', feed: 'runs' });
          releaseIfUnused();
        }
      };
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    state: () => state,
    lastSeq: (executionId) => subs.get(executionId)?.lastSeq ?? 0,
  };
}

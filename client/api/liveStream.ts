// The live stream (GET /api/live, Server-Sent Events): one connection shared by every subscriber of
// an api, reconnecting by itself. Its messages are the server's `LiveMessages` (server/domain/live.ts).

import type { LiveMessages } from '@domain/live';
import { reconnectDelayMs } from './liveBackoff';

/** What the live stream delivers; every handler is optional. */
export interface LiveHandlers {
  /** The stream is (re)connected: reload whatever state it replaces. */
  onReady?(): void;
  /** Changed sensor states, at most one message a second. */
  onSensors?(states: LiveMessages['sensors']): void;
  onAlarm?(alarm: LiveMessages['alarm']): void;
  onEvent?(event: LiveMessages['event']): void;
  /** Connected or not (for a status light). */
  onConnection?(connected: boolean): void;
}

export interface LiveSubscription {
  close(): void;
}

/**
 * GET /api/live as Server-Sent Events. EventSource retries dropped connections by itself, but gives
 * up on an HTTP error (503 when the server runs no ingest, 401 after a restart); then this waits with
 * a growing delay (reconnectDelayMs) and opens a new one, for as long as the page lives.
 */
function connectLive(url: string, handlers: LiveHandlers): LiveSubscription {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;
  const on = <K extends keyof LiveMessages>(s: EventSource, name: K, use: (value: LiveMessages[K]) => void) =>
    s.addEventListener(name, (e) => {
      try {
        use(JSON.parse((e as MessageEvent<string>).data) as LiveMessages[K]);
      } catch {
        // a malformed message is skipped; the stream goes on
      }
    });
  const open = () => {
    if (closed) return;
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener('ready', () => {
      failures = 0;
      handlers.onConnection?.(true);
      handlers.onReady?.();
    });
    on(source, 'sensors', (v) => handlers.onSensors?.(v));
    on(source, 'alarm', (v) => handlers.onAlarm?.(v));
    on(source, 'event', (v) => handlers.onEvent?.(v));
    source.onerror = () => {
      handlers.onConnection?.(false);
      if (source?.readyState !== EventSource.CLOSED) return; // the browser is retrying itself
      source = null;
      timer = setTimeout(open, reconnectDelayMs(failures++));
    };
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      source?.close();
      source = null;
    },
  };
}

/**
 * One connection for every subscriber (a page's twin and its panels), opened with the first and
 * closed with the last. A subscriber that joins an open stream hears `onConnection(true)` and
 * `onReady()` at once, as if it had connected itself.
 */
export function sharedLive(url: string): (handlers: LiveHandlers) => LiveSubscription {
  const subscribers = new Set<LiveHandlers>();
  let connection: LiveSubscription | null = null;
  let ready = false;
  const each = (call: (h: LiveHandlers) => void) => [...subscribers].forEach(call);
  return (handlers) => {
    subscribers.add(handlers);
    if (!connection) {
      connection = connectLive(url, {
        onReady: () => {
          ready = true;
          each((h) => h.onReady?.());
        },
        onSensors: (v) => each((h) => h.onSensors?.(v)),
        onAlarm: (v) => each((h) => h.onAlarm?.(v)),
        onEvent: (v) => each((h) => h.onEvent?.(v)),
        onConnection: (c) => {
          ready &&= c;
          each((h) => h.onConnection?.(c));
        },
      });
    } else if (ready) {
      queueMicrotask(() => {
        if (!subscribers.has(handlers)) return;
        handlers.onConnection?.(true);
        handlers.onReady?.();
      });
    }
    return {
      close() {
        if (!subscribers.delete(handlers) || subscribers.size > 0) return;
        connection?.close();
        connection = null;
        ready = false;
      },
    };
  };
}

// Live views: load data, and load it again whenever the server's change feed
// (`/api/changes`, Server-Sent Events) reports that a view row changed.

import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface Change {
  view: string;
  id: string;
  conference_id: string | null;
}

type Listener = (changes: Change[]) => void;

interface Feed {
  source: EventSource;
  listeners: Set<Listener>;
}

const feeds = new Map<string, Feed>();
const statusListeners = new Set<(connected: boolean) => void>();
let feedConnected = true;

function setFeedConnected(value: boolean): void {
  if (value === feedConnected) return;
  feedConnected = value;
  statusListeners.forEach((listener) => listener(value));
}

/** Subscribe to changes (of one conference, or of all); returns the unsubscribe function. */
export function subscribe(conferenceId: string | null, listener: Listener): () => void {
  const key = conferenceId ?? "";
  let feed = feeds.get(key);
  if (!feed) {
    const source = new EventSource(`/api/changes${conferenceId ? `?conference_id=${conferenceId}` : ""}`);
    const created: Feed = { source, listeners: new Set() };
    source.addEventListener("change", (event) => {
      const message = JSON.parse((event as MessageEvent).data) as { changes: Change[] };
      created.listeners.forEach((l) => l(message.changes));
    });
    source.addEventListener("resync", () => created.listeners.forEach((l) => l([])));
    source.addEventListener("open", () => setFeedConnected(true));
    source.addEventListener("error", () => setFeedConnected(source.readyState === EventSource.OPEN));
    feeds.set(key, created);
    feed = created;
  }
  feed.listeners.add(listener);
  const current = feed;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.source.close();
      feeds.delete(key);
    }
  };
}

/** Whether the change feed is connected (for the connection indicator). */
export function useFeedStatus(): boolean {
  const [connected, setConnected] = useState(feedConnected);
  useEffect(() => {
    statusListeners.add(setConnected);
    return () => {
      statusListeners.delete(setConnected);
    };
  }, []);
  return connected;
}

export interface LiveState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * `load()` now and after every relevant change. `relevant` filters changes (all by default);
 * reloads are coalesced, so a burst of changes costs one request.
 */
export function useLive<T>(
  load: () => Promise<T>,
  deps: unknown[],
  options: { conferenceId?: string | null; relevant?: (change: Change) => boolean } = {},
): LiveState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const relevant = useRef(options.relevant);
  relevant.current = options.relevant;

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    load().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    setData(undefined);
    reload();
    const unsubscribe = subscribe(options.conferenceId ?? null, (changes) => {
      const filter = relevant.current;
      if (changes.length > 0 && filter && !changes.some(filter)) return;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(reload, 200);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer.current);
    };
  }, [reload, options.conferenceId ?? null]);

  return { data, error, loading, reload };
}

// Live editing of a measure proposal: one Y.Doc per measure (one Y.Text per field), synced over
// the y-websocket protocol with `/collab/{measureId}`, kept in the browser with y-indexeddb (edits
// made offline survive a reload and merge when the connection returns), presence via awareness.

import * as Y from "yjs";
import { IndexeddbPersistence } from "y-indexeddb";
import { readAuthMessage } from "y-protocols/auth";
import type { Awareness } from "y-protocols/awareness";
import { messageAuth, WebsocketProvider } from "y-websocket";
import { CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, collabUrl, type ProposalField } from "./fields";
import { fill, messages } from "./i18n";

const T = messages({
  de: {
    forbidden: "Keine Berechtigung mehr für diesen Vorschlag.",
    unauthenticated: "Die Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.",
    closed: "Die Verbindung wurde vom Server beendet (Code {code}).",
  },
  en: {
    forbidden: "No permission for this proposal any more.",
    unauthenticated: "The sign-in has expired. Please sign in again.",
    closed: "The server ended the connection (code {code}).",
  },
});


/** Where the connection stands: connected, trying to connect, or offline (edits kept locally). */
export type ConnectionState = "connecting" | "connected" | "offline";

export interface Present {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

export interface SessionState {
  connection: ConnectionState;
  /** The server's German reason when it refuses edits (frozen proposal, closed connection). */
  refused: string | null;
  /** The close code when the server ended the connection for good (e.g. 4403: no permission). */
  closedWith: number | null;
  /** Whether the browser's stored copy has been loaded (the editors may show it). */
  localLoaded: boolean;
  /** Whether every local change is written to the browser's storage (IndexedDB). */
  savedLocally: boolean;
  present: Present[];
}

// Dark enough for white name flags (WCAG AA contrast against white text).
const COLORS = ["#1d4ed8", "#b91c1c", "#15803d", "#7e22ce", "#a14a00", "#0f766e", "#be185d", "#4338ca"];

/** A stable colour per person. */
export function colorFor(personId: string): string {
  let hash = 0;
  for (const char of personId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length];
}

/** One live proposal document with its connection, local copy and presence. */
export class ProposalSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  private state: SessionState = {
    connection: "connecting",
    refused: null,
    closedWith: null,
    localLoaded: false,
    savedLocally: true,
    present: [],
  };
  private readonly listeners = new Set<(state: SessionState) => void>();
  private lostConnection = false;
  private readonly onOffline = () => {
    // The browser lost the network: an open socket may linger for a long time, so let go of it now.
    this.provider.disconnect();
    this.lostConnection = true;
    this.update({ connection: "offline" });
  };
  private readonly onOnline = () => {
    if (this.closedByServer) return; // the server said no; coming back online does not change that
    this.lostConnection = false;
    this.provider.connect();
    this.update({ connection: this.provider.wsconnected ? "connected" : "connecting" });
  };
  private closedByServer = false;

  /** The session cookie authenticates the connection (same origin); `user` is the presence shown to others. */
  constructor(
    readonly measureId: string,
    user: { name: string; color: string },
  ) {
    this.persistence = new IndexeddbPersistence(`sk-proposal-${measureId}`, this.doc);
    this.persistence.whenSynced.then(() => this.update({ localLoaded: true }));
    this.doc.on("update", this.onDocUpdate); // after y-indexeddb's own handler, which writes the update
    this.provider = new WebsocketProvider(collabUrl(), measureId, this.doc, { connect: navigator.onLine });
    // y-websocket only logs a refusal ("permission denied"); the page has to show it.
    this.provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      readAuthMessage(decoder, this.doc, (_doc, reason) => this.update({ refused: reason }));
    };
    this.provider.on("status", ({ status }) => {
      if (status === "connected") {
        this.lostConnection = false;
        this.update({ connection: "connected" });
      } else if (status === "connecting") {
        this.update({ connection: this.lostConnection || !navigator.onLine ? "offline" : "connecting" });
      } else {
        this.lostConnection = true;
        this.update({ connection: "offline" });
      }
    });
    this.provider.on("connection-close", () => {
      this.lostConnection = true;
      if (this.state.connection !== "connected") this.update({ connection: "offline" });
    });
    // A 44xx close: the server decided that reconnecting cannot help (unknown measure, frozen,
    // not signed in, no permission or no longer).
    this.provider.on("closed", ({ reason, code }) => {
      this.closedByServer = true;
      const text =
        code === CLOSE_FORBIDDEN
          ? T().forbidden
          : code === CLOSE_UNAUTHENTICATED
            ? T().unauthenticated
            : reason || fill(T().closed, { code });
      this.update({ refused: text, closedWith: code });
    });
    this.provider.awareness.setLocalStateField("user", user);
    this.provider.awareness.on("change", this.onAwareness);
    window.addEventListener("offline", this.onOffline);
    window.addEventListener("online", this.onOnline);
    if (!navigator.onLine) this.update({ connection: "offline" });
    this.onAwareness();
  }

  private localWrites = 0;
  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    const db = (this.persistence as unknown as { db: IDBDatabase | null }).db;
    if (origin === this.persistence || !db) return;
    const mine = ++this.localWrites;
    if (this.state.savedLocally) this.update({ savedLocally: false });
    // A read after the writes on the same store completes only once they are stored.
    const read = db.transaction(["updates"], "readonly");
    read.objectStore("updates").count();
    read.oncomplete = () => {
      if (mine === this.localWrites) this.update({ savedLocally: true });
    };
  };

  private readonly onAwareness = () => {
    const present: Present[] = [];
    this.provider.awareness.getStates().forEach((state, clientId) => {
      const user = (state as { user?: { name?: string; color?: string } }).user;
      if (!user?.name) return;
      present.push({ clientId, name: user.name, color: user.color ?? COLORS[0], self: clientId === this.doc.clientID });
    });
    present.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, "de"));
    this.update({ present });
  };

  get current(): SessionState {
    return this.state;
  }

  /** The server accepts edits again (e.g. a proposal returned to the group). */
  clearRefusal(): void {
    if (this.state.refused === null || this.state.closedWith === CLOSE_FORBIDDEN) return;
    this.update({ refused: null, closedWith: null });
    if (this.closedByServer && navigator.onLine) {
      this.closedByServer = false;
      this.provider.connect();
    }
  }

  text(field: ProposalField): Y.Text {
    return this.doc.getText(field);
  }

  /** The awareness as one editor sees it: the shared cursor field belongs to one field at a time. */
  fieldAwareness(field: ProposalField): Awareness {
    return fieldAwareness(this.provider.awareness, field);
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private update(change: Partial<SessionState>): void {
    this.state = { ...this.state, ...change };
    this.listeners.forEach((listener) => listener(this.state));
  }

  destroy(): void {
    window.removeEventListener("offline", this.onOffline);
    window.removeEventListener("online", this.onOnline);
    this.provider.awareness.off("change", this.onAwareness);
    this.doc.off("update", this.onDocUpdate);
    this.listeners.clear();
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
  }
}

interface CursorState {
  field: string;
  anchor: unknown;
  head: unknown;
}

/**
 * y-quill keeps the local cursor in the awareness field `cursor`. With one editor per field,
 * the editors would overwrite each other's cursor; this view tags the cursor with its field and
 * shows each editor only the cursors in its own field.
 */
function fieldAwareness(awareness: Awareness, field: string): Awareness {
  const own = (state: Record<string, unknown> | null) => {
    if (state === null) return null;
    const cursor = state.cursor as CursorState | null | undefined;
    return cursor && cursor.field === field ? state : { ...state, cursor: null };
  };
  const view = {
    getLocalState: () => own(awareness.getLocalState()),
    setLocalStateField: (key: string, value: unknown) => {
      if (key !== "cursor") {
        awareness.setLocalStateField(key, value);
        return;
      }
      const current = awareness.getLocalState()?.cursor as CursorState | null | undefined;
      if (value === null) {
        // Leaving this editor clears the cursor only if it is still here.
        if (current && current.field === field) awareness.setLocalStateField("cursor", null);
        return;
      }
      awareness.setLocalStateField("cursor", { ...(value as object), field });
    },
    getStates: () => {
      const states = new Map<number, Record<string, unknown>>();
      awareness.getStates().forEach((state, clientId) => states.set(clientId, own(state) ?? {}));
      return states;
    },
    on: (name: string, handler: (...args: unknown[]) => void) => awareness.on(name, handler),
    off: (name: string, handler: (...args: unknown[]) => void) => awareness.off(name, handler),
  };
  return view as unknown as Awareness;
}

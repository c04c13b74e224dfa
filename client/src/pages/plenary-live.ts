// Read-only live texts of a proposal for the plenary projector: joins the proposal's Yjs room
// (y-websocket) as a silent listener. It never edits the document and publishes no presence.

import * as encoding from "lib0/encoding";
import { useEffect, useRef, useState } from "preact/hooks";
import * as syncProtocol from "y-protocols/sync";
import { messageAuth, WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { CLOSE_FORBIDDEN, collabUrl, PROPOSAL_FIELDS } from "../fields";

/**
 * y-websocket reconnects when nothing arrived for 30 s; an editor's own presence renewal (every
 * 15 s) normally prevents that. The projector publishes no presence, so it asks for missing
 * updates (sync step 1, answered by the server, changes nothing) at this interval instead.
 */
const KEEP_ALIVE_MS = 12_000;

export type Texts = Record<(typeof PROPOSAL_FIELDS)[number], string>;

/**
 * off: not connected (not editable); connecting; live; refused: the room is closed (frozen);
 * forbidden: the signed-in person may not read along live (the saved texts are shown).
 */
export type LiveState = "off" | "connecting" | "live" | "refused" | "forbidden";

function read(doc: Y.Doc): Texts {
  return Object.fromEntries(PROPOSAL_FIELDS.map((field) => [field, doc.getText(field).toString()])) as Texts;
}

/**
 * The live texts of `measureId` while `enabled` and someone is signed in (the session cookie
 * authenticates the connection); `onChange` is called after every remote change. Returns null
 * texts until the first sync.
 */
export function useLiveTexts(
  measureId: string,
  enabled: boolean,
  person: string | null,
  onChange: () => void,
): { texts: Texts | null; state: LiveState } {
  const [texts, setTexts] = useState<Texts | null>(null);
  const [state, setState] = useState<LiveState>("off");
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    setTexts(null);
    if (!enabled || !person) {
      setState("off");
      return;
    }
    setState("connecting");
    const doc = new Y.Doc();
    // mode=read: the server treats the connection as reading along, under its own connection limit.
    const provider = new WebsocketProvider(collabUrl(), measureId, doc, {
      connect: false,
      disableBc: true,
      params: { mode: "read" },
    });
    // Reading along is all the projector does: the server's "read only" notice needs no answer.
    provider.messageHandlers[messageAuth] = () => undefined;
    // The projector is no participant: no presence, so it is not listed among those editing.
    provider.awareness.setLocalState(null);
    let synced = false;
    let refused = false;
    doc.on("update", () => {
      if (!synced) return;
      setTexts(read(doc));
      changed.current();
    });
    provider.on("sync", (isSynced: boolean) => {
      if (!isSynced || refused) return;
      synced = true;
      setTexts(read(doc));
      setState("live");
    });
    provider.on("status", ({ status }: { status: string }) => {
      if (status !== "connected" && !refused) setState("connecting");
    });
    provider.on("closed", ({ code }: { code: number }) => {
      // A permanent refusal (frozen proposal, unknown measure, no permission): show the stored text instead.
      refused = true;
      setTexts(null);
      setState(code === CLOSE_FORBIDDEN ? "forbidden" : "refused");
    });
    provider.connect();
    const keepAlive = window.setInterval(() => {
      if (!provider.wsconnected || !provider.ws) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0); // message type: sync
      syncProtocol.writeSyncStep1(encoder, doc);
      provider.ws.send(encoding.toUint8Array(encoder));
    }, KEEP_ALIVE_MS);
    return () => {
      window.clearInterval(keepAlive);
      provider.destroy();
      doc.destroy();
    };
  }, [measureId, enabled, person]);

  return { texts, state };
}

// Other people's cursors in the proposal form: the name flag shows while its person types or moves
// (quill-cursors alone shows it only on hover) and hides a few seconds after she stops.

import type QuillCursors from "quill-cursors";

/** How long a name stays visible after its person's last keystroke or cursor move. */
const SHOWN_MS = 4000;

/** Makes `cursors` show a person's name flag whenever her cursor moves. */
export function showNamesWhileTyping(cursors: QuillCursors): () => void {
  const timers = new Map<string, number>();
  const last = new Map<string, string>();
  const move = cursors.moveCursor.bind(cursors);
  cursors.moveCursor = (id, range) => {
    move(id, range);
    // Presence is renewed every few seconds with the cursor where it was: only a move shows the name.
    const where = `${range.index}:${range.length}`;
    if (last.get(id) === where) return;
    last.set(id, where);
    cursors.toggleFlag(id, true);
    window.clearTimeout(timers.get(id));
    timers.set(
      id,
      window.setTimeout(() => {
        timers.delete(id);
        cursors.toggleFlag(id, false);
      }, SHOWN_MS),
    );
  };
  return () => timers.forEach((timer) => window.clearTimeout(timer));
}

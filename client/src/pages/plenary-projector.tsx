// The projector mode of the plenary: one working group at a time on one screen, in large type,
// changing every few seconds (pausable) or chosen by hand. Its text shrinks until the group fits.

import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { fill, messages } from "../i18n";

const T = messages({
  de: {
    controls: "Steuerung der Einzelansicht",
    choose: "Arbeitsgruppe zeigen",
    group: "AG {number}",
    previous: "Vorherige AG",
    next: "Nächste AG",
    pause: "Anhalten",
    resume: "Weiterschalten",
    interval: "Wechsel alle",
    seconds: "{count} Sekunden",
    paused: "Angehalten",
    position: "AG {index} von {count}",
  },
  en: {
    controls: "Single-group view controls",
    choose: "Show working group",
    group: "WG {number}",
    previous: "Previous group",
    next: "Next group",
    pause: "Pause",
    resume: "Resume",
    interval: "Change every",
    seconds: "{count} seconds",
    paused: "Paused",
    position: "Group {index} of {count}",
  },
});

const INTERVALS = [10, 20, 30, 60];
/** The largest and smallest type (rem) the group is shown in; it shrinks until the page fits. */
const LARGEST = 2.2;
const SMALLEST = 0.9;

export interface ProjectedGroup {
  id: string;
  number: number;
}

function overflows(element: HTMLElement): boolean {
  return element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1;
}

/** The largest type, in steps of 0.05 rem, at which the element's content fits its box. */
function fitText(element: HTMLElement): void {
  let size = LARGEST;
  element.style.fontSize = `${size}rem`;
  while (overflows(element) && size > SMALLEST) {
    size = Math.max(SMALLEST, Math.round((size - 0.05) * 100) / 100);
    element.style.fontSize = `${size}rem`;
  }
  element.dataset.fontSize = String(size);
}

/**
 * Shows `render(group)` for one group of `groups` at a time, its type as large as fits.
 */
export function Projector({
  groups,
  render,
}: {
  groups: ProjectedGroup[];
  render: (group: ProjectedGroup) => ComponentChildren;
}) {
  const [index, setIndex] = useState(0);
  const [running, setRunning] = useState(true);
  const [seconds, setSeconds] = useState(20);
  const count = groups.length;
  const shown = count ? groups[Math.min(index, count - 1)] : null;

  useEffect(() => {
    if (!running || count < 2) return;
    const timer = window.setInterval(() => setIndex((i) => (i + 1) % count), seconds * 1000);
    return () => window.clearInterval(timer);
  }, [running, seconds, count, index]);

  const stage = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = stage.current;
    if (!element) return;
    const fit = () => fitText(element);
    fit();
    // Texts typed live, a proposal arriving, another window size: fit again.
    const mutations = new MutationObserver(fit);
    mutations.observe(element, { childList: true, characterData: true, subtree: true });
    window.addEventListener("resize", fit);
    return () => {
      mutations.disconnect();
      window.removeEventListener("resize", fit);
    };
  }, [shown?.id]);

  const go = (next: number) => setIndex(((next % count) + count) % count);
  return (
    <div class="projector-mode">
      <div class="projector-controls" role="group" aria-label={T().controls}>
        <button type="button" class="secondary" onClick={() => go(index - 1)} disabled={count < 2}>
          <span aria-hidden="true">‹ </span>
          {T().previous}
        </button>
        <span role="group" aria-label={T().choose} class="projector-choice">
          {groups.map((group, i) => (
            <button
              type="button"
              key={group.id}
              class={i === index ? "" : "secondary"}
              aria-pressed={i === index}
              onClick={() => {
                setIndex(i);
                setRunning(false); // chosen by hand: it stays until the plenary moves on
              }}
            >
              {fill(T().group, { number: group.number })}
            </button>
          ))}
        </span>
        <button type="button" class="secondary" onClick={() => go(index + 1)} disabled={count < 2}>
          {T().next}
          <span aria-hidden="true"> ›</span>
        </button>
        <button type="button" class="secondary" aria-pressed={!running} onClick={() => setRunning(!running)}>
          {running ? T().pause : T().resume}
        </button>
        <label class="projector-interval">
          {T().interval}{" "}
          <select value={String(seconds)} onChange={(e) => setSeconds(Number((e.target as HTMLSelectElement).value))}>
            {INTERVALS.map((n) => (
              <option key={n} value={String(n)}>
                {fill(T().seconds, { count: n })}
              </option>
            ))}
          </select>
        </label>
        <span class="projector-position" aria-live="polite">
          {count > 0 && fill(T().position, { index: Math.min(index, count - 1) + 1, count })}
          {!running && ` · ${T().paused}`}
        </span>
      </div>
      <div class="projector-stage" ref={stage}>
        {shown && render(shown)}
      </div>
    </div>
  );
}

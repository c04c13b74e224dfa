// Client-side routes (German paths); the server answers every one of them with index.html.

import { useEffect, useState } from "preact/hooks";

export interface Route {
  name: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

const PATTERNS: [string, RegExp][] = [
  ["start", /^\/$/],
  ["plenary", /^\/konferenzen\/(?<conferenceId>[^/]+)\/plenum$/],
  ["minutes", /^\/konferenzen\/(?<conferenceId>[^/]+)\/protokoll$/],
  ["coordination", /^\/konferenzen\/(?<conferenceId>[^/]+)\/koordinierung$/],
  ["catalogueImport", /^\/konferenzen\/(?<conferenceId>[^/]+)\/import$/],
  ["conference", /^\/konferenzen\/(?<conferenceId>[^/]+)$/],
  ["group", /^\/arbeitsgruppen\/(?<groupId>[^/]+)$/],
  ["proposal", /^\/arbeitsgruppen\/(?<groupId>[^/]+)\/vorschlaege\/(?<measureId>[^/]+)$/],
  ["measure", /^\/massnahmen\/(?<measureId>[^/]+)$/],
  ["catalogue", /^\/massnahmenkatalog$/],
  ["catalogue_diff", /^\/massnahmenkatalog\/veraenderungen$/],
  ["committee", /^\/ausschuesse\/(?<committeeId>[^/]+)$/],
  ["replay", /^\/pruefung$/],
  ["comparison", /^\/vergleich$/],
  ["districts", /^\/sozialraeume$/],
  ["account", /^\/konto$/],
  ["signin", /^\/anmelden$/],
  ["invitation", /^\/einladung\/(?<token>[^/]+)$/],
];

/** Pages that need no sign-in. */
export const PUBLIC_ROUTES = ["signin", "invitation", "not_found"];

/** A path within this application only (no other site, no protocol-relative URL), else "/". */
export function localPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

export function match(pathname: string, search: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const [name, pattern] of PATTERNS) {
    const found = pattern.exec(path);
    if (found) return { name, params: { ...(found.groups ?? {}) }, query: new URLSearchParams(search) };
  }
  return { name: "not_found", params: {}, query: new URLSearchParams(search) };
}

const listeners = new Set<() => void>();

export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  listeners.forEach((listener) => listener());
  if (!replace) window.scrollTo(0, 0);
}

window.addEventListener("popstate", () => listeners.forEach((listener) => listener()));

export function useRoute(): Route {
  const [route, setRoute] = useState(() => match(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(match(location.pathname, location.search));
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return route;
}

/** Links within the application: plain anchors whose clicks the router takes over. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const anchor = (event.target as HTMLElement).closest("a");
  if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

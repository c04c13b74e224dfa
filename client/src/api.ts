// The HTTP API (`/api/...`): JSON in, JSON out, errors as RFC 9457 problem details in German.
// Requests carry the session cookie; changes also the CSRF token (double submit: cookie `sk_csrf`
// copied into the header `X-CSRF-Token`). A 401 outside sign-in leads to the sign-in page.

import { messages } from "./i18n";

const T = messages({
  de: {
    offline: "Der Server ist nicht erreichbar. Bitte die Verbindung prüfen und erneut versuchen.",
    unexpected: "Unerwartete Antwort vom Server (Status {status}).",
  },
  en: {
    offline: "The server cannot be reached. Please check the connection and try again.",
    unexpected: "Unexpected answer from the server (status {status}).",
  },
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code: string = "",
    readonly field: string = "",
    /** Seconds to wait before trying again (429 Too Many Requests). */
    readonly retryAfter: number | null = null,
    /** The whole problem document, with the members of its kind (e.g. `missing` fields). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }
}

const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];
/** Endpoints that answer without a session: their 401 is an answer, not a reason to sign in. */
const OPEN_PATHS = ["/session", "/invitations/", "/health"];

let csrfFromSession = "";
let unauthorised: () => void = () => undefined;

/** The CSRF token of the current session: from its cookie, else from the sign-in answer. */
export function csrfToken(): string {
  const cookie = document.cookie.split("; ").find((part) => part.startsWith("sk_csrf="));
  return cookie ? decodeURIComponent(cookie.slice("sk_csrf=".length)) : csrfFromSession;
}

/** Whether the browser holds a session's CSRF cookie (no cookie: certainly signed out). */
export function hasSessionCookie(): boolean {
  return document.cookie.split("; ").some((part) => part.startsWith("sk_csrf="));
}

export function setCsrfToken(token: string): void {
  csrfFromSession = token;
}

/** Called when the server says the session is gone (401 on a protected endpoint). */
export function onUnauthorised(handler: () => void): void {
  unauthorised = handler;
}

async function request<R>(method: string, path: string, body?: unknown): Promise<R> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (!SAFE_METHODS.includes(method)) {
    const token = csrfToken();
    if (token) headers["X-CSRF-Token"] = token;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, T().offline, T().offline, "offline");
  }
  const type = response.headers.get("Content-Type") ?? "";
  if (!response.ok) {
    if (response.status === 401 && !OPEN_PATHS.some((open) => path.startsWith(open))) unauthorised();
    const retry = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
    const retryAfter = Number.isFinite(retry) ? retry : null;
    if (type.includes("json")) {
      const problem = await response.json();
      throw new ApiError(
        response.status,
        problem.title ?? "",
        problem.detail ?? problem.title ?? "",
        problem.code ?? "",
        problem.field ?? "",
        retryAfter,
        problem,
      );
    }
    const text = T().unexpected.replace("{status}", String(response.status));
    throw new ApiError(response.status, text, text, "", "", retryAfter);
  }
  if (response.status === 204 || !type.includes("json")) return undefined as R;
  return (await response.json()) as R;
}

export const api = {
  get: <R>(path: string) => request<R>("GET", path),
  post: <R>(path: string, body: unknown = {}) => request<R>("POST", path, body),
  put: <R>(path: string, body: unknown = {}) => request<R>("PUT", path, body),
  patch: <R>(path: string, body: unknown = {}) => request<R>("PATCH", path, body),
  delete: <R>(path: string) => request<R>("DELETE", path),
};

/** Query string from the defined values. */
export function query(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

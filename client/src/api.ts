// The HTTP API (`/api/...`): JSON in, JSON out, errors as RFC 9457 problem details in German.

import { messages } from "./i18n";

const T = messages({
  de: {
    offline: "Der Server ist nicht erreichbar. Bitte die Verbindung prüfen und erneut versuchen.",
    unexpected: "Unerwartete Antwort vom Server (Status {status}).",
    noActor: "Bitte oben rechts zuerst wählen, als wer Sie handeln (die Anmeldung folgt später).",
  },
  en: {
    offline: "The server cannot be reached. Please check the connection and try again.",
    unexpected: "Unexpected answer from the server (status {status}).",
    noActor: "Please first choose at the top right whom you act as (sign-in comes later).",
  },
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code: string = "",
    readonly field: string = "",
  ) {
    super(detail || title);
  }
}

const ACTOR_KEY = "sk.actor";
const actorListeners = new Set<() => void>();

/** The person the browser acts as (sign-in placeholder until accounts exist). */
export function actor(): string | null {
  try {
    return localStorage.getItem(ACTOR_KEY);
  } catch {
    return null;
  }
}

export function setActor(personId: string | null): void {
  if (personId) localStorage.setItem(ACTOR_KEY, personId);
  else localStorage.removeItem(ACTOR_KEY);
  actorListeners.forEach((listener) => listener());
}

export function onActorChange(listener: () => void): () => void {
  actorListeners.add(listener);
  return () => actorListeners.delete(listener);
}

async function request<R>(method: string, path: string, body?: unknown): Promise<R> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    const person = actor();
    if (!person) throw new ApiError(0, T().noActor, T().noActor, "no_actor");
    headers["X-Actor-Id"] = person;
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
    if (type.includes("json")) {
      const problem = await response.json();
      throw new ApiError(
        response.status,
        problem.title ?? "",
        problem.detail ?? problem.title ?? "",
        problem.code ?? "",
        problem.field ?? "",
      );
    }
    const text = T().unexpected.replace("{status}", String(response.status));
    throw new ApiError(response.status, text, text);
  }
  if (response.status === 204 || !type.includes("json")) return undefined as R;
  return (await response.json()) as R;
}

export const api = {
  get: <R>(path: string) => request<R>("GET", path),
  post: <R>(path: string, body: unknown = {}) => request<R>("POST", path, body),
  put: <R>(path: string, body: unknown = {}) => request<R>("PUT", path, body),
  patch: <R>(path: string, body: unknown = {}) => request<R>("PATCH", path, body),
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

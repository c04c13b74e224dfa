// Who is signed in: the session (GET /api/session on start), sign-in, sign-out, listeners, and
// what the signed-in person may do somewhere (GET /api/session/permissions), for showing only
// the buttons she can use. The server checks every request anyway.

import { useEffect, useState } from "preact/hooks";
import { api, ApiError, hasSessionCookie, onUnauthorised, query, setCsrfToken } from "./api";
import { lang } from "./i18n";
import { navigate } from "./router";

export interface Me {
  person_id: string;
  name: string;
  login: string;
  global_roles: string[];
  named_publicly: boolean; // agreed to be named publicly in her public roles
  csrf_token: string;
}

/** undefined: not known yet (loading); null: signed out. */
export type SessionValue = Me | null | undefined;

let current: SessionValue = undefined;
let loadError: unknown = null;
const listeners = new Set<() => void>();

function set(value: Me | null): void {
  current = value;
  loadError = null;
  setCsrfToken(value?.csrf_token ?? "");
  listeners.forEach((listener) => listener());
}

export function session(): SessionValue {
  return current;
}

export function sessionError(): unknown {
  return loadError;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ask the server who is signed in. Without the CSRF cookie nobody is: no request needed. */
export async function loadSession(): Promise<void> {
  if (!hasSessionCookie()) {
    set(null);
    return;
  }
  try {
    set(await api.get<Me>("/session"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      set(null);
      return;
    }
    loadError = error;
    listeners.forEach((listener) => listener());
  }
}

export async function signIn(login: string, password: string): Promise<Me> {
  const me = await api.post<Me>("/session", { login, password });
  set(me);
  return me;
}

/** Accept an invitation: the account is set up and its person signed in. */
export async function acceptInvitation(token: string, login: string, password: string): Promise<Me> {
  const me = await api.post<Me>(`/invitations/${encodeURIComponent(token)}/acceptance`, { login, password });
  set(me);
  return me;
}

/** Sign out and show the sign-in page. */
export async function signOut(): Promise<void> {
  await api.delete("/session");
  navigate("/anmelden");
  set(null);
}

// The session ended on the server (expired, signed out elsewhere): signed out here too.
onUnauthorised(() => {
  if (current) set(null);
});

export function useSession(): SessionValue {
  const [value, setValue] = useState<SessionValue>(current);
  useEffect(() => {
    setValue(current);
    return onSessionChange(() => setValue(current));
  }, []);
  return value;
}

const ROLE_LABELS = {
  de: {
    organiser: "Organisationsteam",
    coordination: "Koordinierungsgruppe",
    moderator: "Moderation",
    member: "AG-Mitglied",
    auditor: "Prüfung",
    planner: "Sozialplanung",
    committee_member: "Ausschussmitglied",
    operator: "Betrieb",
    public: "Öffentlichkeit",
  },
  en: {
    organiser: "Organising team",
    coordination: "Coordination group",
    moderator: "Moderation",
    member: "Group member",
    auditor: "Audit",
    planner: "Social planning",
    committee_member: "Committee member",
    operator: "Operations",
    public: "Public",
  },
} as const;

/** Roles a conference grants (moderators and members come from the working groups). */
export const CONFERENCE_ROLES = ["organiser", "auditor", "planner", "committee_member"] as const;

export function roleLabel(role: string): string {
  const table = ROLE_LABELS[lang()] as Record<string, string>;
  return table[role] ?? role;
}

export interface Permissions {
  roles: string[];
  actions: string[];
  /** Live editing of a proposal (only asked with a measure): edit, read along, or refused. */
  live: "edit" | "read" | null;
}

/** Whether the permissions (undefined while loading: no) allow `action`. */
export function can(permissions: Permissions | undefined | null, action: string): boolean {
  return !!permissions && permissions.actions.includes(action);
}

/**
 * What the signed-in person may do about one measure, working group or conference (or, with no
 * scope, city-wide). Loads again when the session or the scope changes; undefined while loading,
 * null when it could not be loaded (then no action is offered; the page itself shows the data).
 */
export function usePermissions(scope: {
  measure_id?: string;
  working_group_id?: string;
  conference_id?: string;
  coordination_group_id?: string;
}): Permissions | null | undefined {
  const me = useSession();
  const key = query(scope);
  const [permissions, setPermissions] = useState<Permissions | null | undefined>(undefined);
  useEffect(() => {
    if (!me) {
      setPermissions(undefined);
      return;
    }
    let active = true;
    api.get<Permissions>(`/session/permissions${key}`).then(
      (value) => active && setPermissions(value),
      () => active && setPermissions(null),
    );
    return () => {
      active = false;
    };
  }, [key, me?.person_id]);
  return permissions;
}

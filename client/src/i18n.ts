// Language: German by default, English switchable; the choice is kept in the browser.
// Every module keeps its own texts: `const T = messages({ de: {...}, en: {...} })`, then `T().key`.

export type Lang = "de" | "en";

const STORAGE_KEY = "sk.lang";
const listeners = new Set<() => void>();

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "de";
  } catch {
    return "de";
  }
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener());
}

export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A module's texts in both languages; the English set must have the German set's keys. */
export function messages<M extends Record<string, string>>(texts: { de: M; en: { [K in keyof M]: string } }): () => M {
  return () => (current === "en" ? (texts.en as M) : texts.de);
}

/** Replace `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return "–";
  const date = new Date(value.length === 10 ? `${value}T00:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(current === "en" ? "en-GB" : "de-DE", { day: "2-digit", month: "2-digit", year: "numeric" });
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "–";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(current === "en" ? "en-GB" : "de-DE", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString(current === "en" ? "en-GB" : "de-DE", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

document.documentElement.lang = current;

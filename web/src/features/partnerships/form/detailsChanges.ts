/**
 * What the user changed in an edit, against what the form started from: only that is sent,
 * and only that is kept over a newer version, so that a concurrent change to another field
 * survives "reload, keep my input".
 */
import type { Details } from "./DetailsFields";

function same(key: keyof Details, a: Details, b: Details): boolean {
  return key === "themes" ? a.themes.join() === b.themes.join() : a[key] === b[key];
}

const KEYS: readonly (keyof Details)[] = ["title", "themes", "focus"];

/** The fields the user changed, with their new values. */
export function changedDetails(base: Details, value: Details): Partial<Details> {
  return Object.fromEntries(
    KEYS.filter((key) => !same(key, base, value)).map((key) => [key, value[key]]),
  );
}

/** The latest version with the user's changes on top. */
export function keepChanges(base: Details, value: Details, latest: Details): Details {
  return { ...pick(latest), ...changedDetails(base, value) };
}

export function pick({ title, themes, focus }: Details): Details {
  return { title, themes: [...themes], focus };
}

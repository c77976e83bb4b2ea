/**
 * Amounts in SEK as people type them and as the API takes them: decimal strings exact to
 * the öre (MoneyInput), never floats. Sums are counted in öre.
 */
export type ParsedAmount =
  | { kind: "blank" }
  | { kind: "invalid" }
  | { kind: "amount"; decimal: string; minor: bigint };

const SPACES = /[\s\u00a0\u202f]/g;
/** Well below the API's bound (2^63 öre) and exact as a JavaScript number for display. */
const MAX_WHOLE_DIGITS = 13;

function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

/** What a person typed, read with their locale's separators ("12 500,50" in Swedish). */
export function parseAmount(text: string, locale: string): ParsedAmount {
  let plain = text.replace(SPACES, "");
  if (plain === "") return { kind: "blank" };
  const { decimal, group } = separators(locale);
  if (group.replace(SPACES, "") === "") {
    // Grouped with spaces (Swedish): the full stop is free, and many type it as the point.
    if (decimal !== "." && !plain.includes(decimal)) plain = plain.replace(".", decimal);
  } else {
    plain = plain.split(group).join("");
  }
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(plain.replace(decimal, "."));
  if (match === null) return { kind: "invalid" };
  const whole = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  if (whole.length > MAX_WHOLE_DIGITS) return { kind: "invalid" };
  const cents = (match[2] ?? "").padEnd(2, "0");
  const minor = BigInt(whole) * 100n + BigInt(cents);
  return { kind: "amount", decimal: `${whole}.${cents}`, minor };
}

/** A decimal string from a count of öre. */
export function fromMinor(minor: bigint): string {
  const sign = minor < 0n ? "-" : "";
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** An amount from the API as the user would type it in their locale (no grouping). */
export function amountText(decimal: string, locale: string): string {
  const cents = !/\.0*$/.test(decimal) && decimal.includes(".");
  return new Intl.NumberFormat(locale, {
    useGrouping: false,
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: 2,
  }).format(Number(decimal));
}

/** Öre of an amount from the API ("120000.00"); what is not such an amount counts as none. */
export function minorOf(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (match === null) return 0n;
  const minor = BigInt(match[2] ?? "0") * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] === "-" ? -minor : minor;
}

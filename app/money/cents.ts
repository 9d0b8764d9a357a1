import { z } from "zod";

/**
 * Integer-cent arithmetic. Amounts arrive as text (finance exports, form
 * fields) and are turned into cents by string manipulation, so no amount
 * ever passes through a binary float; ratios are computed with BigInt and
 * rounded once.
 */

const AMOUNT = /^(-)?\$?((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d{1,2}))?$/;

/**
 * "1,234.56", "1234.56", "$1,234", "1234.5" → cents. Thousands separators
 * must be well placed ("1,23" is refused); more than two decimals are
 * refused rather than silently rounded.
 */
export function parseAmountToCents(input: string): number | null {
  const text = input.trim();
  const m = AMOUNT.exec(text);
  if (!m) return null;
  const whole = m[2]!.replace(/,/g, "");
  const fraction = (m[3] ?? "").padEnd(2, "0");
  const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, "");
  if (digits.length > 15) return null; // beyond Number.MAX_SAFE_INTEGER territory
  const cents = Number(digits);
  return m[1] ? -cents : cents;
}

/** Cents → "1234.56" (plain, for form fields and exports), by integer division. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function roundDiv(n: bigint, d: bigint): bigint {
  // Half away from zero, on exact integers.
  if (d < 0n) return roundDiv(-n, -d);
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** numerator / denominator in basis points (1 % = 100 bp), rounded once; null when the denominator is 0. */
export function ratioBp(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Number(roundDiv(BigInt(numerator) * 10_000n, BigInt(denominator)));
}

/** a × b ÷ c on integers, rounded down (used to pro-rate a plan amount over days). */
export function mulDivFloor(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError("division by zero");
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const q = n / d;
  return Number(n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q);
}

/** a × b ÷ c on integers, rounded half away from zero. */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError("division by zero");
  return Number(roundDiv(BigInt(a) * BigInt(b), BigInt(c)));
}

/** Basis points → "12.34 %" for display. */
export function formatBp(bp: number | null): string {
  if (bp == null) return "—";
  const sign = bp < 0 ? "-" : "";
  const abs = Math.abs(bp);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")} %`;
}

/** A form's dollar amount (never negative) as cents, through `parseAmountToCents`: the one money parser. */
export const DollarsSchema = z.string({ error: "Enter an amount in dollars." }).transform((v, ctx) => {
  const cents = parseAmountToCents(v);
  if (cents === null || cents < 0) {
    ctx.addIssue({ code: "custom", message: "Enter dollars and cents, e.g. 1,250,000.00." });
    return z.NEVER;
  }
  return cents;
});

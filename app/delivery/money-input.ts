import { z } from "zod";

/**
 * "1,250,000.50" → 125000050 cents, by string arithmetic: a money amount
 * never passes through a float on its way in.
 */
export function parseDollarsToCents(input: string): number | null {
  const cleaned = input.trim().replace(/^\$/, "").replace(/,/g, "");
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

/** Cents back to the plain form the input accepts ("1250000.50"). */
export function centsToDollarsInput(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

export const DollarsSchema = z.string({ error: "Enter an amount in dollars." }).transform((v, ctx) => {
  const cents = parseDollarsToCents(v);
  if (cents === null) {
    ctx.addIssue({ code: "custom", message: "Enter dollars and cents, e.g. 1,250,000.00." });
    return z.NEVER;
  }
  return cents;
});

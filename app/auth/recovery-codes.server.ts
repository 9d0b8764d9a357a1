import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/connection";
import { recoveryCodes } from "#db/schema";
import { hashToken } from "./tokens.server";

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

export const RECOVERY_CODE_COUNT = 10;

/**
 * Ten characters of base32 (50 random bits), shown as `ABCDE-FGHIJ`. That is
 * far beyond what five guesses per quarter hour can reach, and high enough
 * entropy that a plain SHA-256 is a sound way to store it (a slow hash
 * protects guessable secrets such as passwords, not random ones).
 */
function generateRecoveryCode(): string {
  const bytes = new Uint8Array(7);
  crypto.getRandomValues(bytes);
  const chars = encodeBase32UpperCaseNoPadding(bytes).slice(0, 10);
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Upper case without separators, so `abcde fghij` and `ABCDE-FGHIJ` are the same code; base32 has no zero, so a typed 0 is the letter O. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/0/g, "O");
}

export const looksLikeRecoveryCode = (normalized: string) => /^[A-Z2-7]{10}$/.test(normalized);

export const hashRecoveryCode = (normalized: string) => hashToken(normalized);

/** Replaces the user's codes with a fresh set; returns the plain codes, which are never stored. */
export function replaceRecoveryCodes(tx: Tx, userId: number): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  tx.insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(code)) })))
    .run();
  return codes;
}

export function deleteRecoveryCodes(tx: Tx, userId: number) {
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
}

/** Marks an unused code used; false when it is not one of the user's unused codes. A single UPDATE, so two requests cannot both spend it. */
export function consumeRecoveryCode(tx: Tx, userId: number, codeHash: string): boolean {
  const spent = tx
    .update(recoveryCodes)
    .set({ usedAt: new Date().toISOString() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id })
    .all();
  return spent.length === 1;
}

export function unusedRecoveryCodeCount(tx: Pick<Db, "select">, userId: number): number {
  return (
    tx
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      .get()?.n ?? 0
  );
}

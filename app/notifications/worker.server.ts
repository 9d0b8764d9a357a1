import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { outbox } from "#db/schema";
import { redactSmtpSecret } from "~/mail/config.server";
import type { MailTransport } from "~/mail/transport.server";

/** A claim lasts this long: longer than any send can take (transport timeouts), so only a dead worker's claim runs out. */
export const CLAIM_LEASE_MS = 10 * 60 * 1000;
/** After this many failed attempts a message is given up and shown as failed on /admin/settings. */
export const MAX_ATTEMPTS = 6;

/** Minutes before the next try after `attempts` failures: 1, 4, 16, 64, then at most 4 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(4 ** Math.max(0, attempts - 1), 240) * 60 * 1000;
}

export type DeliveryReport = { sent: Array<{ id: number; to: string; subject: string }>; retried: number; failed: number };

type Claimed = typeof outbox.$inferSelect & { claimToken: string };

const claimable = (nowIso: string) =>
  and(eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, nowIso), or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, nowIso)));

/**
 * Claims the oldest message due: a random token and a lease, set only if
 * nobody holds a live claim, so two workers never take the same message.
 */
export function claimNext(db: Db, now: Date = new Date(), leaseMs = CLAIM_LEASE_MS): Claimed | null {
  const nowIso = now.toISOString();
  return db.transaction((tx) => {
    const next = tx.select({ id: outbox.id }).from(outbox).where(claimable(nowIso)).orderBy(asc(outbox.id)).limit(1).get();
    if (!next) return null;
    const token = randomBytes(16).toString("hex");
    const claimed = tx
      .update(outbox)
      .set({ claimToken: token, claimedUntil: new Date(now.getTime() + leaseMs).toISOString() })
      .where(and(eq(outbox.id, next.id), claimable(nowIso)))
      .returning()
      .get();
    return claimed ? { ...claimed, claimToken: token } : null;
  });
}

/** Still ours: the claim token matches and the lease has not run out (a paused worker must not send a message someone else now holds). */
function stillHeld(db: Db, m: Claimed, now: Date): boolean {
  const row = db.select({ token: outbox.claimToken, until: outbox.claimedUntil, state: outbox.state }).from(outbox).where(eq(outbox.id, m.id)).get();
  return row?.state === "pending" && row.token === m.claimToken && (row.until ?? "") > now.toISOString();
}

function markSent(db: Db, m: Claimed, now: Date) {
  db.update(outbox)
    .set({
      state: "sent",
      sentAt: now.toISOString(),
      attempts: sql`${outbox.attempts} + 1`,
      claimToken: null,
      claimedUntil: null,
      lastError: null,
      ...(m.sensitive ? { textBody: "", htmlBody: "" } : {}),
    })
    .where(and(eq(outbox.id, m.id), eq(outbox.claimToken, m.claimToken)))
    .run();
}

function markFailed(db: Db, m: Claimed, now: Date, error: string, maxAttempts: number): "retry" | "failed" {
  const attempts = m.attempts + 1;
  const giveUp = attempts >= maxAttempts;
  db.update(outbox)
    .set({
      state: giveUp ? "failed" : "pending",
      attempts,
      nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
      claimToken: null,
      claimedUntil: null,
      lastError: error.slice(0, 500),
      ...(giveUp && m.sensitive ? { textBody: "", htmlBody: "" } : {}),
    })
    .where(and(eq(outbox.id, m.id), eq(outbox.claimToken, m.claimToken)))
    .run();
  return giveUp ? "failed" : "retry";
}

export type DeliveryOptions = {
  transport: MailTransport;
  from: string;
  /** SMTP_URL, so its password can be cut out of any error stored. */
  smtpUrl?: string;
  now?: () => Date;
  limit?: number;
  maxAttempts?: number;
};

/**
 * Sends what is due in the outbox, one message at a time: claim, send, then
 * record "sent" under the same claim. A worker that dies after claiming
 * leaves the message to be claimed again when the lease ends; one that dies
 * after sending but before recording leaves a resend carrying the same
 * Message-ID (the window is one local UPDATE). A refused message is retried
 * with backoff and given up after `maxAttempts`.
 */
export async function deliverOutbox(db: Db, options: DeliveryOptions): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const report: DeliveryReport = { sent: [], retried: 0, failed: 0 };
  for (let i = 0; i < (options.limit ?? 100); i++) {
    const m = claimNext(db, now());
    if (!m) break;
    if (!stillHeld(db, m, now())) continue;
    try {
      await options.transport.send({ messageId: m.messageId, from: options.from, to: m.toAddress, subject: m.subject, text: m.textBody, html: m.htmlBody });
    } catch (error) {
      const message = redactSmtpSecret(error instanceof Error ? error.message : String(error), options.smtpUrl);
      if (markFailed(db, m, now(), message, options.maxAttempts ?? MAX_ATTEMPTS) === "failed") report.failed++;
      else report.retried++;
      continue;
    }
    markSent(db, m, now());
    report.sent.push({ id: m.id, to: m.toAddress, subject: m.subject });
  }
  return report;
}

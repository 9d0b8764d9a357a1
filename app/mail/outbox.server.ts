import { randomUUID } from "node:crypto";
import type { Db, Tx } from "#db/connection";
import { outbox } from "#db/schema";
import type { OutboxKind } from "#db/schema/notifications";

export type EmailMessage = {
  kind: OutboxKind;
  userId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Holds a one-time link: the bodies are blanked once sent or given up. */
  sensitive?: boolean;
};

/**
 * Queues an email in the caller's transaction, so it exists exactly when the
 * change that causes it commits. The Message-ID is fixed here, once: a resend
 * after a crash carries the same one, and receivers can drop the copy.
 */
export function enqueueEmail(tx: Pick<Tx | Db, "insert">, message: EmailMessage, now: Date = new Date()): { messageId: string } {
  const messageId = `<${randomUUID()}@rampart.outbox>`;
  tx.insert(outbox)
    .values({
      messageId,
      kind: message.kind,
      userId: message.userId,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      sensitive: message.sensitive ?? false,
      nextAttemptAt: now.toISOString(),
      createdAt: now.toISOString(),
    })
    .run();
  return { messageId };
}

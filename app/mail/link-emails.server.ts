import type { Tx } from "#db/connection";
import { mailConfig } from "./config.server";
import { enqueueEmail } from "./outbox.server";
import { linkEmail } from "./reminder-email";

/**
 * Queues an invitation or password-reset email in the transaction that
 * issues the link, when SMTP is configured. The body holds the one-time
 * link, so the row is marked sensitive and blanked once sent or given up.
 * Returns whether it was queued (the administrator still sees the link).
 */
export function queueLinkEmail(
  tx: Pick<Tx, "insert">,
  kind: "invitation" | "password_reset",
  recipient: { id: number; name: string; email: string },
  link: string,
  expiresAt: string,
  now: Date,
): boolean {
  if (!mailConfig().enabled) return false;
  enqueueEmail(tx, { kind, userId: recipient.id, to: recipient.email, sensitive: true, ...linkEmail(kind, recipient, link, expiresAt) }, now);
  return true;
}

import { randomUUID } from "node:crypto";
import type { Db } from "#db/connection";
import type { MailConfig } from "~/mail/config.server";
import { smtpTransport, type MailTransport } from "~/mail/transport.server";
import { queueDigests, type QueuedDigest } from "./digests.server";
import { runRules, type RunReport } from "./engine.server";
import { acquireLease, releaseLease } from "./lease.server";
import { type DeliveryReport, deliverOutbox } from "./worker.server";

export const NOTIFY_LEASE = "notifications";
/** Longer than a run takes (rules, then at most one batch of sends under the transport's timeouts). */
const LEASE_MS = 15 * 60 * 1000;

export type CycleReport = { rules: RunReport; digests: QueuedDigest[]; delivery: DeliveryReport | null; dryRun: boolean };

export type CycleOptions = {
  mail: MailConfig;
  origin: string;
  now?: Date;
  today?: string;
  dryRun?: boolean;
  /** Send every user's digest now, whatever its schedule. */
  digest?: boolean;
  transport?: MailTransport;
  holder?: string;
};

/**
 * One run of the reminders: the rules, the digests due, then the outbox.
 * It holds the database lease for its length, so instances never overlap
 * (null when someone else holds it). A dry run does everything but send,
 * inside a transaction it rolls back: it reports exactly what a real run would.
 */
export async function runNotificationCycle(db: Db, options: CycleOptions): Promise<CycleReport | null> {
  const holder = options.holder ?? `${process.pid}-${randomUUID()}`;
  if (!acquireLease(db, NOTIFY_LEASE, holder, LEASE_MS, options.now)) return null;
  try {
    const email = options.mail.enabled;
    const plan = () => ({
      rules: runRules(db, { now: options.now, today: options.today, email, origin: options.origin }),
      digests: queueDigests(db, { now: options.now, force: options.digest, email, origin: options.origin }),
    });
    if (options.dryRun) {
      db.$client.exec("BEGIN IMMEDIATE");
      try {
        return { ...plan(), delivery: null, dryRun: true };
      } finally {
        db.$client.exec("ROLLBACK");
      }
    }
    const planned = plan();
    if (!options.mail.enabled) return { ...planned, delivery: null, dryRun: false };
    const transport = options.transport ?? smtpTransport(options.mail);
    try {
      const delivery = await deliverOutbox(db, {
        transport,
        from: options.mail.from,
        smtpUrl: options.mail.url,
        now: options.now ? () => options.now! : undefined,
      });
      return { ...planned, delivery, dryRun: false };
    } finally {
      if (!options.transport) transport.close();
    }
  } finally {
    releaseLease(db, NOTIFY_LEASE, holder);
  }
}

/** What a run did (or would do), for the CLI and the server log: never a secret, never a message body. */
export function describeCycle(report: CycleReport): string[] {
  const verb = report.dryRun ? "would" : "did";
  const lines: string[] = [];
  const fresh = report.rules.items.filter((i) => i.change !== "unchanged");
  lines.push(
    `Reminders as of ${report.rules.today}: ${report.rules.items.length} open, ${fresh.length} to notify now${report.dryRun ? " (dry run: nothing written or sent)" : ""}; ${report.rules.resolved} ${report.dryRun ? "would be" : ""} resolved.`.replace(
      /  +/g,
      " ",
    ),
  );
  const byRule = new Map<string, typeof report.rules.items>();
  for (const i of report.rules.items) byRule.set(i.rule, [...(byRule.get(i.rule) ?? []), i]);
  for (const [rule, items] of byRule) {
    lines.push(`  ${rule} (${items.length}):`);
    for (const i of items)
      lines.push(
        `    [${i.urgency}] ${i.title} → ${i.user.name} <${i.user.email}> (${i.user.role})${i.change === "unchanged" ? " already notified" : ` ${i.change}`}${i.emailed ? `, ${verb} email` : ""}`,
      );
  }
  lines.push(`Emails ${report.dryRun ? "that would be queued" : "queued"}: ${report.rules.emailsQueued} reminders, ${report.digests.length} digests.`);
  for (const d of report.digests) lines.push(`  digest → ${d.name} <${d.email}>: ${d.items} items (${d.overdue} overdue), ${d.localDay}`);
  if (report.delivery) {
    lines.push(`Sent ${report.delivery.sent.length}; ${report.delivery.retried} to retry; ${report.delivery.failed} given up.`);
    for (const s of report.delivery.sent) lines.push(`  sent → ${s.to}: ${s.subject}`);
  }
  return lines;
}

import { count, desc, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { outbox } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { mailConfig } from "~/mail/config.server";
import { getSettingWithVersion, saveSetting } from "~/settings/settings.server";
import { lastRunAt } from "./lease.server";
import { NOTIFY_LEASE } from "./cycle.server";
import type { NotificationRulesSetting, RuleSetting } from "./rule-settings";
import { RULES } from "./rules/registry.server";

/** The rules section of /admin/settings: each rule with the settings in force, and the document's version. */
export function ruleSettingsForm(db: Pick<Db, "select">) {
  const { value, version } = getSettingWithVersion(db, "notification_rules");
  return {
    version,
    rules: RULES.map((r) => ({ key: r.key, label: r.label, daysLabel: r.daysLabel, setting: value[r.key] ?? r.defaults })),
  };
}

/** Saves every rule's settings at once against the version the administrator saw; audited, with history like every setting. */
export function saveRuleSettings(db: Db, ctx: AuditContext, posted: Record<string, RuleSetting>, version: number) {
  db.transaction((tx) => {
    const before = getSettingWithVersion(tx, "notification_rules").value;
    const after: NotificationRulesSetting = { ...before };
    for (const r of RULES) if (posted[r.key]) after[r.key] = posted[r.key]!;
    saveSetting(tx, "notification_rules", after, version);
    writeAudit(tx, ctx, { action: "settings.update", entity: "settings", entityId: "notification_rules", before, after });
  });
}

/** Email status for administrators: on or off (and which server, never its password), the outbox, the last run. */
export function emailStatus(db: Pick<Db, "select">) {
  const mail = mailConfig();
  const byState = Object.fromEntries(
    db
      .select({ state: outbox.state, n: count() })
      .from(outbox)
      .groupBy(outbox.state)
      .all()
      .map((r) => [r.state, r.n]),
  );
  const failed = db
    .select({
      id: outbox.id,
      to: outbox.toAddress,
      subject: outbox.subject,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(eq(outbox.state, "failed"))
    .orderBy(desc(outbox.id))
    .limit(20)
    .all();
  return {
    enabled: mail.enabled,
    server: mail.enabled ? mail.server : null,
    from: mail.enabled ? mail.from : null,
    pending: byState.pending ?? 0,
    sent: byState.sent ?? 0,
    failedCount: byState.failed ?? 0,
    failed,
    lastRunAt: lastRunAt(db, NOTIFY_LEASE),
  };
}

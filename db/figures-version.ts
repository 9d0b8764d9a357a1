import type { Db } from "./connection";

/**
 * Tables no figure is computed from, left without a change trigger: the
 * audit trail and its checkpoints, sign-in and token bookkeeping, mail and
 * notifications, and the migrator's own journal. Sessions and token use are
 * written on every request; counting them would empty the figures cache
 * (app/figures/memo.server.ts) all day for nothing. Every other table,
 * including one added later, gets the triggers: forgetting a table can only
 * cost cache hits, never serve a stale figure.
 */
export const NOT_FIGURE_INPUTS = new Set([
  "__drizzle_migrations",
  "figures_version",
  "audit_events",
  "audit_checkpoints",
  "sessions",
  "throttles",
  "api_tokens",
  "api_token_scopes",
  "invitations",
  "password_resets",
  "setup_tokens",
  "mfa_recovery_codes",
  "oidc_pending_links",
  "oidc_sign_ins",
  "notifications",
  "notification_preferences",
  "outbox",
  "scheduler_leases",
]);

const EVENTS = ["insert", "update", "delete"] as const;

export function figuresTriggerName(table: string, event: (typeof EVENTS)[number]): string {
  return `figures_version_${event}_${table}`;
}

/**
 * Creates, for every table figures read, one trigger per insert, update and
 * delete that counts the change in figures_version (in the writing
 * transaction, so a rolled-back write counts nothing). Run after migrations:
 * idempotent, and it picks up tables new migrations add. A PostgreSQL
 * deployment would use statement-level triggers on a sequence instead, so
 * concurrent writers don't queue on one row.
 */
export function ensureFiguresVersionTriggers(db: Pick<Db, "$client">): void {
  const client = db.$client;
  const tables = client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
  client.transaction(() => {
    for (const table of tables.filter((t) => !NOT_FIGURE_INPUTS.has(t))) {
      for (const event of EVENTS) {
        client.exec(
          `create trigger if not exists "${figuresTriggerName(table, event)}" after ${event} on "${table}" ` +
            `begin update figures_version set changes = changes + 1 where id = 1; end`,
        );
      }
    }
  })();
}

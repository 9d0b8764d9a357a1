import { describe, expect, it } from "vitest";
import { db } from "~/db.server";

type Fk = { table: string; from: string };

/** Every foreign key is the leading column of an index (or of the primary key), so joins and cascades never scan. */
describe("indexes", () => {
  const tables = (
    db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'").all() as Array<{
      name: string;
    }>
  ).map((t) => t.name);

  it("finds the schema", () => {
    expect(tables.length).toBeGreaterThan(20);
  });

  for (const table of tables) {
    it(`${table}: every foreign key leads an index`, () => {
      const fks = (db.$client.prepare(`pragma foreign_key_list("${table}")`).all() as Array<{ from: string }>).map((f): Fk => ({ table, from: f.from }));
      const leading = new Set<string>();
      for (const idx of db.$client.prepare(`pragma index_list("${table}")`).all() as Array<{ name: string }>) {
        const cols = db.$client.prepare(`pragma index_info("${idx.name}")`).all() as Array<{ seqno: number; name: string }>;
        const first = cols.find((c) => c.seqno === 0);
        if (first) leading.add(first.name);
      }
      const pk = (db.$client.prepare(`pragma table_info("${table}")`).all() as Array<{ name: string; pk: number }>).find((c) => c.pk === 1);
      if (pk) leading.add(pk.name);
      const missing = fks.filter((f) => !leading.has(f.from)).map((f) => `${f.table}.${f.from}`);
      expect(missing).toEqual([]);
    });
  }
});

/**
 * Rows people edit carry `version` for optimistic concurrency. The tables
 * left out are append-only history, link tables (replaced whole), or
 * security state that only the server writes.
 */
const NOT_EDITED = new Set([
  "audit_events",
  // Verification state the server moves forward itself (decision 015), never edited by a person.
  "audit_checkpoints",
  // The outbox worker and the scheduler lock change their rows under a claim token or lease, never from a form.
  "outbox",
  "scheduler_leases",
  // One counter row the figures-version triggers move (db/figures-version.ts), never edited by a person.
  "figures_version",
  // Immutable by trigger (decision 016): a new version of evidence is a new row.
  "evidence",
  "risk_assessments",
  "milestone_baselines",
  "milestone_forecast_changes",
  "milestone_history",
  "workstream_history",
  "sessions",
  // Single-use sign-in and link records: written once, claimed once, never edited.
  "oidc_sign_ins",
  "oidc_pending_links",
  "throttles",
  "setup_tokens",
  "mfa_recovery_codes",
  "api_tokens",
  "api_token_scopes",
  "invitations",
  "password_resets",
  "actual_tags",
  "workstream_csf_functions",
  "milestone_dependencies",
  "engagement_workstreams",
  "obligation_workstreams",
  "obligation_milestones",
  "risk_workstreams",
  "risk_milestones",
  // Link and mapping tables of measures and the CSF profile: replaced whole by the measure form or seeded.
  "measure_workstreams",
  "measure_obligations",
  "workstream_csf_categories",
  "risk_csf_categories",
]);

describe("optimistic concurrency", () => {
  const tables = (
    db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'").all() as Array<{
      name: string;
    }>
  ).map((t) => t.name);
  it("gives every edited table a version column", () => {
    const without = tables
      .filter((t) => !NOT_EDITED.has(t))
      // Effective-dated history (decision 011) is written only beside its live row's versioned edit.
      .filter((t) => !t.endsWith("_history"))
      .filter((t) => !(db.$client.prepare(`pragma table_info("${t}")`).all() as Array<{ name: string }>).some((c) => c.name === "version"));
    expect(without).toEqual([]);
    expect(tables.filter((t) => !NOT_EDITED.has(t)).length).toBeGreaterThan(12);
  });
});

import { sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { writeAudit } from "~/audit/log.server";
import { rng } from "../demo/random";

/** Events are written this many per transaction, so a million never sits in one. */
const BATCH = 5_000;

type Range = { entity: string; table: string; max: number };

/** What people do all day, in rough proportion; each writes the same shape of event as the app. */
const KINDS = [
  { action: "milestone.update", entity: "milestone", weight: 30 },
  { action: "status_report.submit", entity: "status_report", weight: 10 },
  { action: "risk.rescore", entity: "risk", weight: 15 },
  { action: "actual.import", entity: "actual", weight: 25 },
  { action: "workstream.update", entity: "workstream", weight: 5 },
  { action: "session.login", entity: "user", weight: 15 },
] as const;

const TABLE_OF: Record<(typeof KINDS)[number]["entity"], string> = {
  milestone: "milestones",
  status_report: "status_reports",
  risk: "risks",
  actual: "actuals",
  workstream: "workstreams",
  user: "users",
};

/**
 * Appends `count` realistic events through the normal chained writer (so
 * `audit:verify` checks every one), in batches. Deterministic apart from
 * the instants, which the writer takes from the clock.
 */
export function writeRealisticAuditEvents(db: Db, count: number): number {
  if (count <= 0) return 0;
  const ranges: Range[] = KINDS.map((k) => ({
    entity: k.entity,
    table: TABLE_OF[k.entity],
    max: db.get<{ n: number | null }>(sql.raw(`select max(id) as n from ${TABLE_OF[k.entity]}`)).n ?? 1,
  }));
  const userIds = db.all<{ id: number }>(sql`select id from users order by id`).map((u) => u.id);
  const total = KINDS.reduce((s, k) => s + k.weight, 0);
  const r = rng("scale:audit");
  let written = 0;
  while (written < count) {
    const n = Math.min(BATCH, count - written);
    db.transaction((tx) => {
      for (let i = 0; i < n; i++) {
        let pick = r.next() * total;
        const kind = KINDS.find((k) => (pick -= k.weight) < 0) ?? KINDS[0];
        const range = ranges.find((x) => x.entity === kind.entity) as Range;
        const entityId = 1 + Math.floor(r.next() * range.max);
        const actorId = userIds[Math.floor(r.next() * userIds.length)] ?? null;
        const requestId = `scale-${written + i}`;
        writeAudit(tx, { actorId, requestId, ip: "127.0.0.1" }, { action: kind.action, entity: kind.entity, entityId, ...change(kind.action, r.next) });
      }
    });
    written += n;
  }
  return written;
}

function change(action: string, next: () => number): { before?: unknown; after?: unknown } {
  const pct = Math.floor(next() * 10) * 10;
  switch (action) {
    case "milestone.update":
      return { before: { percentComplete: pct }, after: { percentComplete: Math.min(100, pct + 10) } };
    case "risk.rescore":
      return { before: { likelihood: 4, impact: 4 }, after: { likelihood: 3, impact: 4 } };
    case "status_report.submit":
      return { after: { state: "submitted" } };
    case "actual.import":
      return { after: { amountCents: Math.floor(next() * 5_000_000) } };
    case "workstream.update":
      return { before: { lifecycleStatus: "active" }, after: { lifecycleStatus: "active", ragOverride: null } };
    default:
      return {};
  }
}

/**
 * The demo programme multiplied: `db:seed-scale --factor K` seeds the demo,
 * then writes K−1 copies of every per-workstream table (tables.ts) in SQL,
 * one `insert … select` per table, with ids, foreign keys and codes shifted
 * per copy (copy.ts, codes.ts). The table list comes from the Drizzle schema,
 * so columns added later and `*_history` tables are copied without edits here.
 */
import { sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { writeAudit } from "~/audit/log.server";
import { refreshStatistics } from "../../statistics";
import { seedDemo, type DemoCredential } from "../demo";
import { writeRealisticAuditEvents } from "./audit-events";
import { baseAbove, type CodeBases } from "./codes";
import { copyTable, readOffsets } from "./copy";
import { DEFAULT_DENSITY, densify } from "./density";
import { copyOrder, planSchema } from "./plan";

/** Risk codes have five digits at most (R-\d{3,5}) and the demo has fewer than 100 risks. */
export const MAX_FACTOR = 1000;

/** `density`: twins of each copied milestone and risk, the original included (density.ts); 1 copies the demo's shape as it is. */
export type ScaleOptions = { factor: number; today: string; auditEvents?: number; density?: number };
export type ScaleResult = { credentials: DemoCredential[]; rows: Record<string, number>; auditEvents: number };

function codeBases(db: Db): CodeBases {
  const max = (table: string, prefix: number) =>
    db.get<{ n: number | null }>(sql.raw(`select max(cast(substr(code, ${prefix}) as integer)) as n from ${table}`)).n ?? 0;
  return { workstream: baseAbove(max("workstreams", 4)), risk: baseAbove(max("risks", 3)) };
}

/** Multiplies the programme already in `db` (the demo) to `factor` copies in total, each copy `density` times as dense in milestones and risks. */
export function multiplyProgramme(db: Db, factor: number, density = 1): Record<string, number> {
  if (!Number.isInteger(factor) || factor < 1 || factor > MAX_FACTOR) throw new RangeError(`factor must be a whole number from 1 to ${MAX_FACTOR}`);
  const plans = copyOrder(planSchema());
  const bases = codeBases(db);
  const rows: Record<string, number> = {};
  // ×1 is the demo itself: nothing copied, nothing to record.
  if (factor === 1) return rows;
  db.transaction((tx) => {
    const offsets = readOffsets(tx, plans);
    for (const plan of plans) {
      rows[plan.name] = copyTable(tx, plan, offsets, bases, factor);
      writeAudit(
        tx,
        { actorId: null, requestId: "seed-scale" },
        { action: "seed.scale", entity: plan.name, after: { factor, copies: factor - 1, rows: rows[plan.name] } },
      );
    }
    const dense = densify(tx, plans, offsets, density);
    for (const [table, written] of Object.entries(dense.rows)) {
      rows[table] = (rows[table] ?? 0) + written;
      writeAudit(
        tx,
        { actorId: null, requestId: "seed-scale" },
        { action: "seed.scale", entity: table, after: { factor, density: dense.density, twins: dense.density - 1, rows: written } },
      );
    }
  });
  return rows;
}

export async function seedScale(db: Db, options: ScaleOptions): Promise<ScaleResult> {
  if (!Number.isInteger(options.factor) || options.factor < 1 || options.factor > MAX_FACTOR) {
    throw new RangeError(`factor must be a whole number from 1 to ${MAX_FACTOR}`);
  }
  // A fresh database being filled: a crash means seeding again, so skip the fsync per commit
  // (synchronous=FULL made a 100× load spend minutes waiting on the disk).
  const synchronous = db.$client.pragma("synchronous", { simple: true }) as number;
  db.$client.pragma("synchronous = OFF");
  try {
    const { credentials } = await seedDemo(db, { today: options.today });
    const rows = multiplyProgramme(db, options.factor, options.density ?? DEFAULT_DENSITY);
    const auditEvents = writeRealisticAuditEvents(db, options.auditEvents ?? 0);
    // Fresh statistics, or SQLite picks the wrong index on the large tables (stack.md).
    refreshStatistics(db, "full");
    return { credentials, rows, auditEvents };
  } finally {
    db.$client.pragma(`synchronous = ${synchronous}`);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
  }
}

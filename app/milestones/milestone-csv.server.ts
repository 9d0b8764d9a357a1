import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/connection";
import { milestoneDependencies, milestones, workstreams } from "#db/schema";
import { MILESTONE_STATUSES } from "#db/schema/enums";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { milestoneHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { type CsvColumn, type CsvError, parseCsv, toCsv } from "~/utils/csv.server";
import { describeCycle, findAnyCycle } from "./dependency-cycle";
import { dependencyEdges, type MilestoneListRow } from "./milestone-queries.server";
import { isoDate } from "~/utils/iso-date";
import { csvStream } from "~/exports/stream-csv.server";

type Row = MilestoneListRow & { dependsOn: string };

export const MILESTONE_CSV_COLUMNS: CsvColumn<Row>[] = [
  { header: "code", value: (r) => r.code },
  { header: "workstream", value: (r) => r.workstreamCode },
  { header: "title", value: (r) => r.title },
  { header: "description", value: (r) => r.description },
  { header: "baseline_date", value: (r) => r.baselineDate },
  { header: "forecast_date", value: (r) => r.forecastDate },
  { header: "actual_date", value: (r) => r.actualDate },
  { header: "status", value: (r) => r.status },
  { header: "percent_complete", value: (r) => r.percentComplete },
  { header: "weight", value: (r) => r.weight },
  { header: "critical_path", value: (r) => (r.criticalPath ? "yes" : "no") },
  { header: "depends_on", value: (r) => r.dependsOn },
  // Read-only on import: slip is computed, version guards against overwriting a newer edit.
  { header: "slip_days", value: (r) => r.slipDays },
  { header: "version", value: (r) => r.version },
];

/** Dependency codes of each listed milestone, space-separated, in one query. */
function dependencyCodes(db: Pick<Db, "select">, ids: number[]): Map<number, string> {
  const out = new Map<number, string[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db
      .select({ milestoneId: milestoneDependencies.milestoneId, code: milestones.code })
      .from(milestoneDependencies)
      .innerJoin(milestones, eq(milestones.id, milestoneDependencies.dependsOnId))
      .where(inArray(milestoneDependencies.milestoneId, chunk))
      .all();
    for (const r of rows) out.set(r.milestoneId, [...(out.get(r.milestoneId) ?? []), r.code]);
  }
  return new Map([...out].map(([k, v]) => [k, v.sort().join(" ")]));
}

export function milestonesCsv(db: Pick<Db, "select">, rows: MilestoneListRow[]): string {
  const deps = dependencyCodes(
    db,
    rows.map((r) => r.id),
  );
  return toCsv(
    MILESTONE_CSV_COLUMNS,
    rows.map((r) => ({ ...r, dependsOn: deps.get(r.id) ?? "" })),
  );
}

/** The same file streamed from batches of the list: each batch looks up its own dependency codes, so no step handles the whole list. */
export function milestonesCsvStream(db: Pick<Db, "select">, batches: AsyncIterable<MilestoneListRow[]>, signal?: AbortSignal): ReadableStream<Uint8Array> {
  async function* withDependencies() {
    for await (const batch of batches) {
      const deps = dependencyCodes(
        db,
        batch.map((r) => r.id),
      );
      yield batch.map((r) => ({ ...r, dependsOn: deps.get(r.id) ?? "" }));
    }
  }
  return csvStream(MILESTONE_CSV_COLUMNS, withDependencies(), { signal });
}

// Optional columns may be left out of the file entirely: prefault parses a missing cell as an empty one.
const optionalDate = (label: string) => z.union([z.literal("").transform(() => null), isoDate(label)]).prefault("");
const wholeNumber = (min: number, max: number, label: string) =>
  z
    .string()
    .regex(/^\d+$/, `${label} must be a whole number.`)
    .transform(Number)
    .pipe(z.number().min(min, `${label} must be at least ${min}.`).max(max, `${label} must be at most ${max}.`));

const MilestoneCsvRowSchema = z
  .object({
    code: z
      .string()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,23}$/, "Use 2–24 letters, digits or dashes."),
    workstream: z.string().toUpperCase().min(1, "Give the workstream code."),
    title: z.string().min(3, "The title is too short.").max(200, "Keep the title under 200 characters."),
    description: z.string().max(4000).default(""),
    baseline_date: isoDate("baseline_date"),
    forecast_date: optionalDate("forecast_date"),
    actual_date: optionalDate("actual_date"),
    status: z.enum(MILESTONE_STATUSES, { error: `Use one of ${MILESTONE_STATUSES.join(", ")}.` }),
    percent_complete: wholeNumber(0, 100, "percent_complete"),
    weight: wholeNumber(1, 100, "weight"),
    critical_path: z
      .enum(["yes", "no", ""], { error: "Use yes or no." })
      .prefault("")
      .transform((v) => v === "yes"),
    depends_on: z
      .string()
      .default("")
      .transform((v) =>
        v
          .toUpperCase()
          .split(/[\s;,]+/)
          .filter(Boolean),
      ),
    version: z.union([z.literal("").transform(() => null), wholeNumber(1, Number.MAX_SAFE_INTEGER, "version")]).prefault(""),
  })
  .superRefine((v, ctx) => {
    if (v.status === "done" && !v.actual_date) ctx.addIssue({ code: "custom", path: ["actual_date"], message: "A done milestone needs its actual date." });
    if (v.status !== "done" && v.actual_date) ctx.addIssue({ code: "custom", path: ["actual_date"], message: "Only a done milestone has an actual date." });
  });

type CsvRow = z.infer<typeof MilestoneCsvRowSchema>;
export type ImportOutcome = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; errors: CsvError[] };

/**
 * Validates the whole file, then writes it in one transaction: a new code
 * creates a milestone, a known code updates it. Nothing is written unless
 * every row is valid, including ownership (a lead imports only their own
 * workstreams' rows), the set-once baseline and the dependency graph.
 */
export function importMilestones(db: Db, ctx: AuditContext, text: string, editor: { ownerOnly: number | null }): ImportOutcome {
  const parsed = parseCsv(text, MilestoneCsvRowSchema, {
    requiredHeaders: ["code", "workstream", "title", "baseline_date", "status", "percent_complete", "weight"],
    maxRows: 5000,
  });
  if (!parsed.ok) return parsed;

  return db.transaction((tx) => {
    const errors: CsvError[] = [];
    const wsByCode = new Map(
      tx
        .select({ id: workstreams.id, code: workstreams.code, ownerId: workstreams.ownerId })
        .from(workstreams)
        .all()
        .map((w) => [w.code, w]),
    );
    const existing = new Map(
      tx
        .select()
        .from(milestones)
        .all()
        .map((m) => [m.code, m]),
    );
    const seen = new Map<string, number>();
    for (const { line, value } of parsed.rows) {
      const err = (column: string, message: string) => errors.push({ line, column, message });
      if (seen.has(value.code)) err("code", `Milestone ${value.code} appears twice (also on line ${seen.get(value.code)}).`);
      seen.set(value.code, line);
      const ws = wsByCode.get(value.workstream);
      if (!ws) err("workstream", `No workstream ${value.workstream}.`);
      else if (editor.ownerOnly !== null && ws.ownerId !== editor.ownerOnly) err("workstream", `You do not lead ${value.workstream}.`);
      const current = existing.get(value.code);
      if (current) {
        if (ws && current.workstreamId !== ws.id) err("workstream", "A milestone cannot move to another workstream by import.");
        if (current.baselineDate !== value.baseline_date)
          err("baseline_date", `The baseline is ${current.baselineDate}; change it with a re-baseline and a reason, not by import.`);
        if (value.version !== null && value.version !== current.version)
          err("version", `Changed by someone else since this file was exported (now version ${current.version}).`);
      }
      for (const d of value.depends_on) if (!existing.has(d) && !parsed.rows.some((r) => r.value.code === d)) err("depends_on", `No milestone ${d}.`);
    }
    if (errors.length) return { ok: false as const, errors };

    // Dependency graph as it would be after the import: imported rows replace their own edges.
    const idOf = new Map([...existing].map(([code, m]) => [code, m.id]));
    let provisional = -1;
    for (const { value } of parsed.rows) if (!idOf.has(value.code)) idOf.set(value.code, provisional--);
    const imported = new Set(parsed.rows.map((r) => idOf.get(r.value.code)!));
    const edges = [
      ...dependencyEdges(tx).filter((e) => !imported.has(e.milestoneId)),
      ...parsed.rows.flatMap((r) => r.value.depends_on.map((d) => ({ milestoneId: idOf.get(r.value.code)!, dependsOnId: idOf.get(d)! }))),
    ];
    const cycle = findAnyCycle(edges);
    if (cycle) {
      const codeOf = new Map([...idOf].map(([c, id]) => [id, c]));
      const first = parsed.rows.find((r) => r.value.code === codeOf.get(cycle[0]!));
      return {
        ok: false as const,
        errors: [
          { line: first?.line ?? 1, column: "depends_on", message: `These dependencies form a cycle: ${describeCycle(cycle, (id) => codeOf.get(id)!)}.` },
        ],
      };
    }

    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const codeById = new Map([...existing.values()].map((m) => [m.id, m.code]));
    const currentDeps = new Map<number, string>();
    for (const e of dependencyEdges(tx)) {
      const code = codeById.get(e.dependsOnId);
      if (code) currentDeps.set(e.milestoneId, [currentDeps.get(e.milestoneId), code].filter(Boolean).join(" "));
    }
    const normDeps = (codes: string[]) => [...new Set(codes)].sort().join(" ");
    const rowIds = new Map<string, number>();
    for (const { value } of parsed.rows) {
      const values = {
        title: value.title,
        description: value.description,
        forecastDate: value.forecast_date,
        actualDate: value.actual_date,
        status: value.status,
        percentComplete: value.percent_complete,
        weight: value.weight,
        criticalPath: value.critical_path,
      };
      const current = existing.get(value.code);
      if (!current) {
        const row = tx
          .insert(milestones)
          .values({
            ...values,
            code: value.code,
            workstreamId: wsByCode.get(value.workstream)!.id,
            baselineDate: value.baseline_date,
            originalBaselineDate: value.baseline_date,
          })
          .returning()
          .get();
        recordVersion(tx, milestoneHistorySpec, row.id, row, row.createdAt);
        writeAudit(tx, ctx, { action: "milestone.create", entity: "milestone", entityId: row.id, after: { ...row, source: "csv-import" } });
        rowIds.set(value.code, row.id);
        created++;
        continue;
      }
      rowIds.set(value.code, current.id);
      const differs = (Object.keys(values) as Array<keyof typeof values>).some((k) => current[k] !== values[k]);
      const depsDiffer = normDeps(value.depends_on) !== normDeps((currentDeps.get(current.id) ?? "").split(" ").filter(Boolean));
      if (!differs && !depsDiffer) {
        unchanged++;
        continue;
      }
      const after = differs ? updateVersioned(tx, milestones, "milestone", current.id, value.version ?? current.version, values) : current;
      writeAudit(tx, ctx, {
        action: "milestone.update",
        entity: "milestone",
        entityId: current.id,
        before: current,
        after: { ...after, dependsOn: normDeps(value.depends_on), source: "csv-import" },
      });
      updated++;
    }
    for (const { value } of parsed.rows) {
      const id = rowIds.get(value.code)!;
      const wanted = normDeps(value.depends_on);
      if (existing.has(value.code) && wanted === normDeps((currentDeps.get(id) ?? "").split(" ").filter(Boolean))) continue;
      tx.delete(milestoneDependencies).where(eq(milestoneDependencies.milestoneId, id)).run();
      const deps = [...new Set(value.depends_on)].map((d) => ({ milestoneId: id, dependsOnId: rowIds.get(d) ?? existing.get(d)!.id }));
      if (deps.length) tx.insert(milestoneDependencies).values(deps).run();
    }
    writeAudit(tx, ctx, { action: "milestone.import", entity: "milestone", after: { rows: parsed.rows.length, created, updated, unchanged } });
    return { ok: true as const, created, updated, unchanged };
  });
}

export type { CsvRow as MilestoneCsvRow };

import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/connection";
import { riskAssessments, risks, riskWorkstreams, users, workstreams } from "#db/schema";
import { CSF_FUNCTIONS, RISK_STATUSES, RISK_TREATMENTS } from "#db/schema/enums";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { riskHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { getSetting } from "~/settings/settings.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { type CsvError, parseCsv } from "~/utils/csv.server";
import { RISK_CSV_INPUT_HEADERS, WORKSTREAM_SEPARATOR } from "./csv-columns";
import { levelFor } from "./matrix";
import { isoDate } from "~/utils/iso-date";
import { assessmentDateError } from "./assessment-dates.server";
import { recordLinks } from "./link-history.server";
import { RiskCodeSchema, scaleStep } from "./risk-schemas";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

const RiskCsvRowSchema = z.object({
  code: RiskCodeSchema,
  title: z.string().trim().min(1, "Enter the title.").max(200),
  description: z.string().trim().max(4000).default(""),
  category: z.string().trim().min(1, "Enter the category.").max(80),
  owner_email: z.preprocess(blankToUndefined, z.email("Not an email address.").toLowerCase().optional()),
  csf_function: z.enum(CSF_FUNCTIONS, { error: `Use one of ${CSF_FUNCTIONS.join(", ")}.` }),
  inherent_likelihood: scaleStep("likelihood"),
  inherent_impact: scaleStep("impact"),
  current_likelihood: scaleStep("likelihood"),
  current_impact: scaleStep("impact"),
  target_likelihood: scaleStep("likelihood"),
  target_impact: scaleStep("impact"),
  treatment: z.enum(RISK_TREATMENTS, { error: `Use one of ${RISK_TREATMENTS.join(", ")}.` }),
  status: z.enum(RISK_STATUSES, { error: `Use one of ${RISK_STATUSES.join(", ")}.` }),
  next_review_date: z.preprocess(blankToUndefined, isoDate("next_review_date").optional()),
  // Optional: the date of the current score when it is new or changed (today when blank or absent).
  assessed_on: z.preprocess(blankToUndefined, isoDate("assessed_on").optional()),
  workstreams: z.string().transform((s) =>
    [
      ...new Set(
        s
          .split(WORKSTREAM_SEPARATOR)
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ].sort(),
  ),
});
type Row = z.infer<typeof RiskCsvRowSchema>;

export type ImportResult = { ok: true; created: string[]; updated: string[]; rescored: string[]; unchanged: number } | { ok: false; errors: CsvError[] };

// Big enough for any real register, small enough that one request cannot tie up the server.
const MAX_ROWS = 2000;

/**
 * Imports a risk register: every row is checked (format, then owners,
 * workstreams and duplicate codes against the database) before anything is
 * written; then every row is created or updated in one transaction. A
 * current score that differs becomes a dated assessment, so history stays whole.
 * Milestone links are not in the file and are left as they are.
 */
export function importRisks(db: Db, ctx: AuditContext, text: string, asOf: string): ImportResult {
  const parsed = parseCsv(text, RiskCsvRowSchema, { requiredHeaders: [...RISK_CSV_INPUT_HEADERS], maxRows: MAX_ROWS });
  if (!parsed.ok) return parsed;
  const rows = parsed.rows;
  const errors: CsvError[] = [];

  const emails = [...new Set(rows.flatMap((r) => (r.value.owner_email ? [r.value.owner_email] : [])))];
  const owners = new Map(
    (emails.length ? db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails)).all() : []).map((u) => [u.email, u.id]),
  );
  const codes = [...new Set(rows.flatMap((r) => r.value.workstreams))];
  const streams = new Map(
    (codes.length ? db.select({ id: workstreams.id, code: workstreams.code }).from(workstreams).where(inArray(workstreams.code, codes)).all() : []).map((w) => [
      w.code,
      w.id,
    ]),
  );
  const seen = new Map<string, number>();
  for (const { line, value } of rows) {
    if (value.owner_email && !owners.has(value.owner_email))
      errors.push({ line, column: "owner_email", message: `No user has the email ${value.owner_email}.` });
    const unknown = value.workstreams.filter((c) => !streams.has(c));
    if (unknown.length) errors.push({ line, column: "workstreams", message: `Unknown workstream(s): ${unknown.join(", ")}.` });
    const first = seen.get(value.code);
    if (first) errors.push({ line, column: "code", message: `${value.code} already appears on line ${first}.` });
    else seen.set(value.code, line);
    const dateError = value.assessed_on ? assessmentDateError(db, value.assessed_on) : null;
    if (dateError) errors.push({ line, column: "assessed_on", message: dateError });
  }
  if (errors.length) return { ok: false, errors };

  const matrix = getSetting(db, "risk_matrix");
  return db.transaction((tx) => {
    const result = { ok: true as const, created: [] as string[], updated: [] as string[], rescored: [] as string[], unchanged: 0 };
    for (const { value } of rows) {
      const fields = toFields(value, owners.get(value.owner_email ?? ""), matrix);
      const workstreamIds = value.workstreams.map((c) => streams.get(c)!).sort((a, b) => a - b);
      const existing = tx.select().from(risks).where(eq(risks.code, value.code)).get();
      if (!existing) {
        const risk = tx
          .insert(risks)
          .values({ code: value.code, ...fields })
          .returning()
          .get();
        recordVersion(tx, riskHistorySpec, risk.id, risk);
        recordLinks(tx, risk.id, { workstreamIds });
        tx.insert(riskAssessments)
          .values({
            riskId: risk.id,
            assessedOn: value.assessed_on ?? asOf,
            likelihood: risk.currentLikelihood,
            impact: risk.currentImpact,
            rationale: "Imported from CSV",
            assessedById: ctx.actorId,
          })
          .run();
        for (const workstreamId of workstreamIds) tx.insert(riskWorkstreams).values({ riskId: risk.id, workstreamId }).run();
        writeAudit(tx, ctx, { action: "risk.create", entity: "risk", entityId: risk.id, after: { ...risk, workstreamIds, source: "csv" } });
        result.created.push(risk.code);
        continue;
      }
      const beforeLinks = tx
        .select({ id: riskWorkstreams.workstreamId })
        .from(riskWorkstreams)
        .where(eq(riskWorkstreams.riskId, existing.id))
        .all()
        .map((r) => r.id)
        .sort((a, b) => a - b);
      const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter((k) => (existing[k] ?? null) !== (fields[k] ?? null));
      const linksChanged = beforeLinks.join(",") !== workstreamIds.join(",");
      if (!changed.length && !linksChanged) {
        result.unchanged++;
        continue;
      }
      const rescored = existing.currentLikelihood !== fields.currentLikelihood || existing.currentImpact !== fields.currentImpact;
      if (rescored) {
        tx.insert(riskAssessments)
          .values({
            riskId: existing.id,
            assessedOn: value.assessed_on ?? asOf,
            likelihood: fields.currentLikelihood,
            impact: fields.currentImpact,
            rationale: "Imported from CSV",
            assessedById: ctx.actorId,
          })
          .run();
        result.rescored.push(existing.code);
      }
      const after = updateVersioned(tx, risks, "risk", existing.id, existing.version, fields);
      if (linksChanged) {
        recordLinks(tx, existing.id, { workstreamIds });
        tx.delete(riskWorkstreams).where(eq(riskWorkstreams.riskId, existing.id)).run();
        for (const workstreamId of workstreamIds) tx.insert(riskWorkstreams).values({ riskId: existing.id, workstreamId }).run();
      }
      writeAudit(tx, ctx, {
        action: rescored ? "risk.rescore" : "risk.update",
        entity: "risk",
        entityId: existing.id,
        before: { ...existing, workstreamIds: beforeLinks },
        after: { ...after, workstreamIds, source: "csv" },
      });
      result.updated.push(existing.code);
    }
    writeAudit(tx, ctx, { action: "risk.import", entity: "risk", after: { created: result.created, updated: result.updated, unchanged: result.unchanged } });
    return result;
  });
}

function toFields(v: Row, ownerId: number | undefined, matrix: ReturnType<typeof getSetting<"risk_matrix">>) {
  return {
    title: v.title,
    description: v.description,
    category: v.category,
    ownerId: ownerId ?? null,
    csfFunction: v.csf_function,
    inherentLikelihood: v.inherent_likelihood,
    inherentImpact: v.inherent_impact,
    currentLikelihood: v.current_likelihood,
    currentImpact: v.current_impact,
    targetLikelihood: v.target_likelihood,
    targetImpact: v.target_impact,
    inherentLevel: levelFor(matrix, v.inherent_likelihood, v.inherent_impact),
    currentLevel: levelFor(matrix, v.current_likelihood, v.current_impact),
    targetLevel: levelFor(matrix, v.target_likelihood, v.target_impact),
    treatment: v.treatment,
    status: v.status,
    nextReviewDate: v.next_review_date ?? null,
  };
}

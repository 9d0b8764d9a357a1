import { and, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { riskAcceptances } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { addDays } from "~/money/fiscal";
import { updateVersioned } from "~/utils/concurrency.server";
import { ACCEPTANCE_NOTE_MIN } from "./risk-schemas";

type Reader = Pick<Db, "select">;

/** An acceptance request or decision the rules refuse, with the field it concerns. */
export class AcceptanceRuleError extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/**
 * Asks an executive to accept a risk above appetite until `expiresOn`. A
 * risk within appetite needs no acceptance, and one request at a time is
 * enough to decide on.
 */
export function requestAcceptance(
  db: Db,
  ctx: AuditContext,
  risk: { id: number; aboveAppetite: boolean },
  input: { justification: string; expiresOn: string },
  asOf: string,
) {
  return db.transaction((tx) => {
    if (!risk.aboveAppetite) throw new AcceptanceRuleError("Only a risk above the programme's appetite needs an acceptance.");
    if (input.expiresOn <= asOf) throw new AcceptanceRuleError("The expiry must be after today.", "expiresOn");
    if (input.expiresOn > addDays(asOf, MAX_ACCEPTANCE_DAYS))
      throw new AcceptanceRuleError("An acceptance lasts at most two years; ask again then.", "expiresOn");
    const pending = tx
      .select({ id: riskAcceptances.id })
      .from(riskAcceptances)
      .where(and(eq(riskAcceptances.riskId, risk.id), eq(riskAcceptances.state, "requested")))
      .get();
    if (pending) throw new AcceptanceRuleError("A request for this risk is already waiting for a decision.");
    const row = tx
      .insert(riskAcceptances)
      .values({
        riskId: risk.id,
        requestedById: ctx.actorId,
        requestedAt: new Date().toISOString(),
        justification: input.justification,
        expiresOn: input.expiresOn,
      })
      .returning()
      .get();
    writeAudit(tx, ctx, { action: "risk_acceptance.request", entity: "risk_acceptance", entityId: row.id, after: row });
    return row;
  });
}

// Two years: long enough for a multi-year remediation phase, short enough to force a fresh look.
const MAX_ACCEPTANCE_DAYS = 731;

/** Approves or rejects a pending request, against the version the executive saw. */
export function decideAcceptance(
  db: Db,
  ctx: AuditContext,
  acceptanceId: number,
  input: { intent: "approve" | "reject"; version: number; decisionNote: string },
  asOf: string,
) {
  return db.transaction((tx) => {
    const before = tx.select().from(riskAcceptances).where(eq(riskAcceptances.id, acceptanceId)).get();
    if (!before) throw new Response("This acceptance no longer exists.", { status: 404 });
    if (before.version === input.version && before.state !== "requested") throw new AcceptanceRuleError(`This request was already ${before.state}.`);
    if (input.intent === "approve" && before.expiresOn <= asOf) throw new AcceptanceRuleError("This request's expiry has passed; ask for a new one.");
    // The form asks for it too; a decision reaching here by another path still carries the executive's reasons.
    if (input.intent === "approve" && input.decisionNote.trim().length < ACCEPTANCE_NOTE_MIN)
      throw new AcceptanceRuleError("An approval needs a note saying what is accepted and why.", "decisionNote");
    const after = updateVersioned(tx, riskAcceptances, "risk acceptance", acceptanceId, input.version, {
      state: input.intent === "approve" ? "approved" : "rejected",
      decidedById: ctx.actorId,
      decidedAt: new Date().toISOString(),
      decisionNote: input.decisionNote,
    });
    writeAudit(tx, ctx, { action: `risk_acceptance.${input.intent}`, entity: "risk_acceptance", entityId: acceptanceId, before, after });
    return after;
  });
}

/** One acceptance request of a risk (undefined when the id is not that risk's). */
export function acceptanceOfRisk(db: Reader, riskId: number, acceptanceId: number) {
  if (!Number.isInteger(acceptanceId)) return undefined;
  return db
    .select()
    .from(riskAcceptances)
    .where(and(eq(riskAcceptances.id, acceptanceId), eq(riskAcceptances.riskId, riskId)))
    .get();
}

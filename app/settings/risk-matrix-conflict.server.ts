import type { ConflictData } from "~/components/version-conflict";
import type { Db } from "#db/connection";
import type { VersionConflictError } from "~/utils/concurrency.server";
import { getProgram, getSetting } from "./settings.server";

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** What differs between the matrix and appetite an admin submitted and what another admin saved first. */
export function riskMatrixConflict(db: Db, error: VersionConflictError, submitted: Record<string, unknown>): ConflictData {
  const stored: Record<string, unknown> = { ...getSetting(db, "risk_matrix"), riskAppetite: getProgram(db).riskAppetite };
  const fields = ["likelihoodLabels", "impactLabels", "cells", "colours", "riskAppetite"];
  return {
    entity: error.entity === "programme" ? "risk appetite" : "risk matrix",
    currentVersion: Number((error.current as { version?: number }).version ?? 0),
    changes: fields.filter((f) => show(submitted[f]) !== show(stored[f])).map((f) => ({ field: f, yours: show(submitted[f]), theirs: show(stored[f]) })),
  };
}

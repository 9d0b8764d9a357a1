import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { recordEvidence } from "~/evidence/evidence.server";
import { obligationsAsOf } from "~/figures/obligations.server";
import { measureEvidenceSummary, obligationEvidenceCoverage, obligationEvidenceState } from "~/figures/obligations-evidence.server";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { makeObligation } from "#test/support/money-factories";
import { ensureProgram } from "#test/support/risk-factories";

ensureProgram();
const AS_OF = "2099-01-01";
const ciso = signedIn("ciso_office");
const ws = makeWorkstream();

let n = 0;
function attach(obligationId: number, dates: { evidenceDate: string; expiresOn: string | null }, previousId: number | null = null) {
  const sha256 = (++n).toString(16).padStart(64, "0");
  return recordEvidence(
    db,
    { actorId: ciso.user.id },
    {
      parentKind: "obligation",
      parentId: obligationId,
      previousId,
      fields: { title: `Evidence ${n}`, description: "", ...dates },
      file: { sha256, size: 10, fileName: `e${n}.pdf`, fileType: "pdf" },
    },
  );
}
const measureWith = (done: boolean) =>
  makeObligation({ kind: "measure", milestoneIds: [makeMilestone(ws.id, done ? { status: "done", actualDate: "2098-01-01" } : {}).id] });
const stateOf = (id: number) => obligationEvidenceState(db, obligationsAsOf(db, {}, AS_OF, { id }).at(0)!, AS_OF)!.state;

describe("measures met with evidence (docs/figures.md#evidence)", () => {
  it("needs the measure in place and at least one current file; says what is missing or expired otherwise", () => {
    const met = measureWith(true);
    attach(met.id, { evidenceDate: "2098-10-01", expiresOn: "2099-10-01" });
    const expired = measureWith(true);
    attach(expired.id, { evidenceDate: "2097-10-01", expiresOn: "2098-10-01" });
    const missing = measureWith(true);
    const notInPlace = measureWith(false);
    attach(notInPlace.id, { evidenceDate: "2098-10-01", expiresOn: null });
    const renewed = measureWith(true);
    const old = attach(renewed.id, { evidenceDate: "2097-10-01", expiresOn: "2098-10-01" });
    attach(renewed.id, { evidenceDate: "2098-10-01", expiresOn: "2099-10-01" }, old.id);
    const superseded = measureWith(true);
    const current = attach(superseded.id, { evidenceDate: "2098-10-01", expiresOn: "2099-10-01" });
    // A newer version that has itself expired replaces the current one: the measure's evidence is expired.
    attach(superseded.id, { evidenceDate: "2097-01-01", expiresOn: "2098-01-01" }, current.id);

    expect([met, expired, missing, notInPlace, renewed, superseded].map((o) => stateOf(o.id))).toEqual([
      "met_with_evidence",
      "evidence_expired",
      "evidence_missing",
      "not_in_place",
      "met_with_evidence",
      "evidence_expired",
    ]);
    expect(measureEvidenceSummary(db, obligationsAsOf(db, {}, AS_OF), AS_OF)).toEqual({
      measures: 6,
      inPlace: 5,
      metWithEvidence: 2,
      evidenceMissing: 1,
      evidenceExpired: 2,
    });
  });

  it("does not count evidence uploaded after the day asked about", () => {
    const measure = measureWith(true);
    attach(measure.id, { evidenceDate: "2020-01-01", expiresOn: null });
    expect(obligationEvidenceCoverage(db, [measure.id], AS_OF).get(measure.id)).toEqual({ live: 1, current: 1, expired: 0 });
    // Uploaded today: as of a day in 2025 the file was not there yet, whatever its evidence date says.
    expect(obligationEvidenceCoverage(db, [measure.id], "2025-01-01").get(measure.id)).toBeUndefined();
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, program, risks } from "#db/schema";
import { db } from "~/db.server";
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from "~/risks/matrix";
import { action, loader } from "~/routes/admin.settings";
import { getSetting } from "~/settings/settings.server";
import { signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { ensureProgram, makeRisk } from "#test/support/risk-factories";

function formFor(matrix: RiskMatrix, opts: { appetite?: string; matrixVersion: number; programVersion: number }) {
  const fields: Record<string, string> = {
    intent: "risk-matrix",
    matrixVersion: String(opts.matrixVersion),
    programVersion: String(opts.programVersion),
    appetite: opts.appetite ?? "medium",
  };
  matrix.likelihoodLabels.forEach((v, i) => (fields[`likelihoodLabels[${i}]`] = v));
  matrix.impactLabels.forEach((v, i) => (fields[`impactLabels[${i}]`] = v));
  matrix.cells.forEach((row, l) => row.forEach((v, i) => (fields[`cells[${l}][${i}]`] = v)));
  for (const [k, v] of Object.entries(matrix.colours)) fields[`colours.${k}`] = v;
  return fields;
}

const clone = (m: RiskMatrix): RiskMatrix => JSON.parse(JSON.stringify(m));

describe("/admin/settings risk matrix", () => {
  let admin: ReturnType<typeof signedIn>;
  beforeAll(() => {
    ensureProgram();
    admin = signedIn("admin");
  });

  it("shows the default matrix at version 0 before it is ever saved", async () => {
    const data = (await loader(args(getRequest("/admin/settings", admin.cookie)) as never)) as { riskMatrix: { matrix: RiskMatrix; matrixVersion: number } };
    expect(data.riskMatrix.matrix).toEqual(DEFAULT_RISK_MATRIX);
    expect(data.riskMatrix.matrixVersion).toBe(0);
  });

  it("re-levels every risk in one save and audits it", async () => {
    // 3×4 = 12 is high by default; 2×2 = 4 is medium; 4×4 is high.
    const a = makeRisk({ il: 4, ii: 4, cl: 3, ci: 4, tl: 2, ti: 2 });
    const b = makeRisk({ il: 1, ii: 1, cl: 1, ci: 1, tl: 1, ti: 1 });
    expect(a.currentLevel).toBe("high");
    const matrix = clone(DEFAULT_RISK_MATRIX);
    matrix.cells[2]![3] = "critical"; // likelihood 3 × impact 4
    matrix.cells[1]![1] = "low"; // likelihood 2 × impact 2
    matrix.cells[3]![3] = "medium"; // likelihood 4 × impact 4
    matrix.likelihoodLabels[0] = "Very rare";
    matrix.colours.critical = "#7f1d1d";
    const prog = db.select().from(program).get()!;
    const res = await settle(() =>
      action(
        args(postRequest("/admin/settings", formFor(matrix, { appetite: "high", matrixVersion: 0, programVersion: prog.version }), admin.cookie)) as never,
      ),
    );
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(302);

    const after = db.select().from(risks).where(eq(risks.id, a.id)).get()!;
    expect([after.inherentLevel, after.currentLevel, after.targetLevel]).toEqual(["medium", "critical", "low"]);
    const untouched = db.select().from(risks).where(eq(risks.id, b.id)).get()!;
    expect(untouched.currentLevel).toBe("low");
    expect(getSetting(db, "risk_matrix")).toEqual(matrix);
    expect(db.select().from(program).get()!.riskAppetite).toBe("high");

    const events = db.select().from(auditEvents).all();
    const saved = events.find((e) => e.action === "settings.update" && e.entityId === "risk_matrix");
    expect(saved?.actorId).toBe(admin.user.id);
    expect(JSON.parse(saved!.after!).relevelledRisks).toEqual([a.code]);
    expect(events.some((e) => e.action === "program.update" && JSON.parse(e.after!).riskAppetite === "high")).toBe(true);
  });

  it("refuses a stale matrix version with 409 and changes nothing", async () => {
    const before = db.select().from(risks).all();
    const prog = db.select().from(program).get()!;
    const res = await settle(() =>
      action(args(postRequest("/admin/settings", formFor(DEFAULT_RISK_MATRIX, { matrixVersion: 0, programVersion: prog.version }), admin.cookie)) as never),
    );
    expect((res as Response).status).toBe(409);
    const body = await (res as Response).json();
    expect(body.conflict.changes.map((c: { field: string }) => c.field)).toContain("cells");
    expect(body.versions.matrixVersion).toBe(1);
    expect(db.select().from(risks).all()).toEqual(before);
    expect(getSetting(db, "risk_matrix").likelihoodLabels[0]).toBe("Very rare");
  });

  it("refuses an unknown level or an empty label with field errors", async () => {
    const prog = db.select().from(program).get()!;
    const fields = formFor(DEFAULT_RISK_MATRIX, { matrixVersion: 1, programVersion: prog.version });
    fields["cells[4][4]"] = "catastrophic";
    fields["impactLabels[2]"] = "";
    const res = await settle(() => action(args(postRequest("/admin/settings", fields, admin.cookie)) as never));
    expect((res as Response).status).toBe(400);
    const body = await (res as Response).json();
    expect(body.result.error["cells[4][4]"]).toBeDefined();
    expect(body.result.error["impactLabels[2]"]).toEqual(["Enter a label."]);
    expect(getSetting(db, "risk_matrix").cells[4]![4]).toBe("critical");
  });

  it("is refused to everyone but the admin", async () => {
    for (const role of ["ciso_office", "executive", "workstream_lead", "board"] as const) {
      const { cookie } = signedIn(role);
      const res = await settle(() =>
        action(args(postRequest("/admin/settings", formFor(DEFAULT_RISK_MATRIX, { matrixVersion: 1, programVersion: 1 }), cookie)) as never),
      );
      expect((res as Response).status, role).toBe(403);
    }
  });
});

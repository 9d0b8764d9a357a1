import { beforeAll, describe, expect, it } from "vitest";
import { measures, measureTargets, measureValues, measureWorkstreams } from "#db/schema";
import { CSF_CATEGORIES } from "#db/schema/measures";
import { db } from "~/db.server";
import { measureFigure } from "~/figures/measures.server";
import { recordVersion } from "~/history/versions.server";
import { importValues } from "~/measures/import.server";
import { recordLinkSet } from "~/history/link-history.server";
import { measureSpec, measureTargetSpec, measureValueSpec, measureWorkstreamLinks } from "~/measures/history-specs.server";
import { computeProgramStatus } from "~/rollups/status.server";
import { loader as measuresApi } from "~/routes/api.v1.measures";
import { action as gridAction } from "~/routes/measures.values";
import { loader as newMeasureLoader } from "~/routes/measures.new";
import { makeApiToken } from "#test/support/api-token-factories";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { args, postRequest, settle } from "#test/support/requests";
import { ensureProgram } from "#test/support/risk-factories";
import { TODAY as REAL_TODAY } from "#test/support/today";

const TODAY = "2026-06-20";
const ctx = { actorId: null };
const OWNER_ANY = { userId: 0, any: true };

function makeMeasure(key: string, workstreamId: number, ownerId: number | null = null) {
  const at = "2022-01-01T00:00:00.000Z";
  const row = db
    .insert(measures)
    .values({
      key,
      name: `Measure ${key}`,
      unit: "percent",
      direction: "higher_better",
      kind: "kpi",
      csfCategory: "PR.AA",
      amberTolerance: 200,
      redTolerance: 500,
      ownerId,
      createdAt: at,
    })
    .returning()
    .get();
  recordVersion(db, measureSpec, row.id, row, at);
  db.insert(measureWorkstreams).values({ measureId: row.id, workstreamId }).run();
  recordLinkSet(db, measureWorkstreamLinks, row.id, [workstreamId], at);
  const t = db.insert(measureTargets).values({ measureId: row.id, period: "2026-01", target: 9000 }).returning().get();
  recordVersion(db, measureTargetSpec, t.id, t, at);
  return row;
}

function setValue(measureId: number, period: string, value: number, at: string) {
  const row = db.insert(measureValues).values({ measureId, period, value }).returning().get();
  recordVersion(db, measureValueSpec, row.id, row, at);
}

describe("outcome measures", () => {
  let ws: { id: number; code: string };
  beforeAll(() => {
    ensureProgram({ timeZone: "UTC" });
    ws = makeWorkstream({ code: "WS-M1", createdAt: "2022-01-01T00:00:00.000Z" });
  });

  it("a measure off its glide path is a reason on its workstream's RAG, linking to the measure", () => {
    const m = makeMeasure("OFF-TRACK", ws.id);
    setValue(m.id, "2026-04", 8400, "2026-05-05T10:00:00.000Z"); // 6 points short: red
    setValue(m.id, "2026-05", 8300, "2026-06-05T10:00:00.000Z");
    const status = computeProgramStatus(db, TODAY).workstreams.find((w) => w.code === "WS-M1")!;
    const reason = status.outcome.reasons.find((r) => r.href === "/measures/OFF-TRACK");
    expect(reason?.rag).toBe("red");
    expect(reason?.text).toContain("off its glide path for 2 months");
    expect(status.overall.reasons.some((r) => r.href === "/measures/OFF-TRACK")).toBe(true);
  });

  it("a value missing after its grace period is an amber finding naming the month", () => {
    const m = makeMeasure("SILENT", ws.id);
    setValue(m.id, "2026-04", 9500, "2026-05-05T10:00:00.000Z");
    const status = computeProgramStatus(db, TODAY).workstreams.find((w) => w.code === "WS-M1")!;
    const reason = status.outcome.reasons.find((r) => r.href === "/measures/SILENT");
    expect(reason).toEqual({ rag: "amber", text: "Measure SILENT 'Measure SILENT' has no value for May 2026", href: "/measures/SILENT" });
  });

  it("as of a date reads the values known then: a later correction changes nothing before it", () => {
    const m = makeMeasure("ASOF", ws.id);
    setValue(m.id, "2026-03", 8000, "2026-04-05T10:00:00.000Z");
    const stored = db
      .select()
      .from(measureValues)
      .all()
      .find((v) => v.measureId === m.id)!;
    recordVersion(db, measureValueSpec, stored.id, { ...stored, value: 9100 }, "2026-04-20T10:00:00.000Z");
    expect(measureFigure(db, "2026-04-10", "ASOF")?.latest?.value).toBe(8000);
    expect(measureFigure(db, "2026-04-20", "ASOF")?.latest?.value).toBe(9100);
    expect(measureFigure(db, "2026-04-04", "ASOF")?.latest).toBeNull();
  });

  it("imports values idempotently by measure and period", () => {
    makeMeasure("IMPORTED", ws.id);
    const csv = "measure_key,period,value,source_note\nIMPORTED,2026-01,91.5,report A\nIMPORTED,2026-02,92,report B\n";
    expect(importValues(db, ctx, OWNER_ANY, csv, TODAY)).toEqual({ ok: true, created: 2, updated: 0, unchanged: 0 });
    expect(importValues(db, ctx, OWNER_ANY, csv, TODAY)).toEqual({ ok: true, created: 0, updated: 0, unchanged: 2 });
    const corrected = csv.replace("92,report B", "92.25,report B v2");
    expect(importValues(db, ctx, OWNER_ANY, corrected, TODAY)).toEqual({ ok: true, created: 0, updated: 1, unchanged: 1 });
    // Imports are recorded now: read them as of the real today.
    expect(measureFigure(db, REAL_TODAY, "IMPORTED")?.series.find((p) => p.period === "2026-02")?.value).toBe(9225);
  });

  it("refuses bad periods and units beside the row, and writes nothing", () => {
    const before = db.select().from(measureValues).all().length;
    const csv = [
      "measure_key,period,value",
      "IMPORTED,2026-03,93",
      "IMPORTED,2026-13,93",
      "IMPORTED,2027-01,93",
      "IMPORTED,2026-04,93.125",
      "NOPE,2026-04,1",
      "IMPORTED,2026-03,94",
    ].join("\n");
    const r = importValues(db, ctx, OWNER_ANY, csv, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "period"],
      [4, "period"],
      [5, "value"],
      [6, "measure_key"],
      [7, "period"],
    ]);
    expect(r.errors[1]!.message).toContain("has not happened yet");
    expect(db.select().from(measureValues).all().length).toBe(before);
  });

  it("a lead may enter values only for measures they own", async () => {
    const lead = signedIn("workstream_lead");
    const mine = makeMeasure("LEAD-OWN", ws.id, lead.user.id);
    const other = makeMeasure("LEAD-OTHER", ws.id);
    const ok = (await settle(() =>
      gridAction(args(postRequest("/measures/values", { year: "2026", [`v:${mine.id}:2026-05`]: "90" }, lead.cookie)) as never),
    )) as Response;
    expect(ok.status).toBe(302);
    const refused = (await settle(() =>
      gridAction(args(postRequest("/measures/values", { year: "2026", [`v:${other.id}:2026-05`]: "90" }, lead.cookie)) as never),
    )) as Response;
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain("measures you own");
    const creating = (await settle(() => newMeasureLoader(args(postRequest("/measures/new", {}, lead.cookie)) as never))) as Response;
    expect(creating.status).toBe(403);
  });

  it("the grid refuses a stale edit with the current value beside the cell", async () => {
    const office = signedIn("ciso_office");
    const m = makeMeasure("STALE", ws.id);
    setValue(m.id, "2026-05", 9000, "2026-06-02T10:00:00.000Z");
    const res = (await settle(() =>
      gridAction(
        args(
          postRequest(
            "/measures/values",
            { year: "2026", [`v:${m.id}:2026-05`]: "91", [`o:${m.id}:2026-05`]: "89", [`ver:${m.id}:2026-05`]: "0" },
            office.cookie,
          ),
        ) as never,
      ),
    )) as Response;
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]!.message).toContain("now 90%");
  });

  it("serves /api/v1/measures as of a date to a token with the measures scope only", async () => {
    const { user } = signedIn("executive");
    const withScope = makeApiToken(user.id, { scopes: ["measures"] }).token;
    const without = makeApiToken(user.id, { scopes: ["risks"] }).token;
    const call = async (token: string, asOf: string) => {
      const request = new Request(`http://localhost:3000/api/v1/measures?asOf=${asOf}`, { headers: { authorization: `Bearer ${token}` } });
      return (await settle(() => measuresApi(args(request) as never))) as Response;
    };
    const res = await call(withScope, "2026-04-10");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { asOf: string; measures: Array<{ key: string; latest: { value: number } | null; targets: unknown[] }> };
    expect(body.asOf).toBe("2026-04-10");
    expect(body.measures.find((m) => m.key === "ASOF")?.latest?.value).toBe(8000);
    expect(body.measures.find((m) => m.key === "ASOF")?.targets).toEqual([{ period: "2026-01", target: 9000 }]);
    expect((await call(without, "2026-04-10")).status).toBe(403);
    expect((await call(withScope, "2026-02-30")).status).toBe(400);
  });

  it("lists NIST CSF 2.0's 22 categories exactly", () => {
    expect([...CSF_CATEGORIES]).toEqual(
      "GV.OC GV.RM GV.RR GV.PO GV.OV GV.SC ID.AM ID.RA ID.IM PR.AA PR.AT PR.DS PR.PS PR.IR DE.CM DE.AE RS.MA RS.AN RS.CO RS.MI RC.RP RC.CO".split(" "),
    );
  });
});

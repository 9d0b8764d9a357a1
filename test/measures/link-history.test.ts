import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { measureObligations, measures, measureTargets, measureValues, measureWorkstreams } from "#db/schema";
import { setRiskCsfCategories, setWorkstreamCsfCategories } from "~/csf/mappings.server";
import { csfProfile } from "~/csf/profile.server";
import { db } from "~/db.server";
import { measureFigure, outcomeSignalsByWorkstream } from "~/figures/measures.server";
import { recordLinkSet } from "~/history/link-history.server";
import { recordVersion } from "~/history/versions.server";
import { measureObligationLinks, measureSpec, measureTargetSpec, measureValueSpec, measureWorkstreamLinks } from "~/measures/history-specs.server";
import { action as csfAction, loader as csfLoader } from "~/routes/csf._index";
import { action as editAction } from "~/routes/measures.$key_.edit";
import { todayIso } from "~/time/today.server";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { makeObligation } from "#test/support/money-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { ensureProgram, makeRisk } from "#test/support/risk-factories";

// Days in UTC (the programme's zone here): "as of D" reads what was in force at the end of D.
const LINKED_SINCE = "2026-01-05T10:00:00.000Z";
const BEFORE_EDIT = "2026-06-30";

let wsA: { id: number; code: string };
let wsB: { id: number; code: string };
let obligation: { id: number; code: string };

/** A measure as the demo seed writes one: back-dated definition, links and glide path, and a red value for April 2026. */
function backdatedMeasure(key: string) {
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
      createdAt: LINKED_SINCE,
    })
    .returning()
    .get();
  recordVersion(db, measureSpec, row.id, row, LINKED_SINCE);
  db.insert(measureWorkstreams).values({ measureId: row.id, workstreamId: wsA.id }).run();
  recordLinkSet(db, measureWorkstreamLinks, row.id, [wsA.id], LINKED_SINCE);
  db.insert(measureObligations).values({ measureId: row.id, obligationId: obligation.id }).run();
  recordLinkSet(db, measureObligationLinks, row.id, [obligation.id], LINKED_SINCE);
  const t = db.insert(measureTargets).values({ measureId: row.id, period: "2026-01", target: 9000 }).returning().get();
  recordVersion(db, measureTargetSpec, t.id, t, LINKED_SINCE);
  const v = db.insert(measureValues).values({ measureId: row.id, period: "2026-04", value: 8000 }).returning().get();
  recordVersion(db, measureValueSpec, v.id, v, "2026-05-05T10:00:00.000Z");
  return row;
}

const codes = (rows: Array<{ code: string }>) => rows.map((r) => r.code);
const profileRow = (asOf: string, category: string) => csfProfile(db, asOf).find((r) => r.category === category)!;

beforeAll(() => {
  ensureProgram({ timeZone: "UTC" });
  wsA = makeWorkstream({ code: "WS-LA", createdAt: "2022-01-01T00:00:00.000Z" });
  wsB = makeWorkstream({ code: "WS-LB", createdAt: "2022-01-01T00:00:00.000Z" });
  obligation = makeObligation({ code: "OB-LINK", recordedAt: "2022-01-01T00:00:00.000Z" });
});

describe("a measure's links and CSF category keep their history", () => {
  it("after an edit moves a measure to other work and another category, an earlier day still reads the old links", async () => {
    const m = backdatedMeasure("LINKED");
    const office = signedIn("ciso_office");
    const res = (await settle(() =>
      editAction(
        args(
          postRequest(
            "/measures/LINKED/edit",
            {
              version: String(m.version),
              key: "LINKED",
              name: m.name,
              unit: "percent",
              direction: "higher_better",
              kind: "kpi",
              cadence: "monthly",
              csfCategory: "DE.CM",
              amberTolerance: "2",
              redTolerance: "5",
              workstreams: [wsB.code],
              targets: "2026-01 90",
            },
            office.cookie,
          ),
          { key: "LINKED" },
        ) as never,
      ),
    )) as Response;
    expect(res.status).toBe(302);
    const today = todayIso();

    const before = measureFigure(db, BEFORE_EDIT, "LINKED")!;
    expect(codes(before.workstreams)).toEqual([wsA.code]);
    expect(codes(before.obligations)).toEqual([obligation.code]);
    expect(before.csfCategory).toBe("PR.AA");
    const now = measureFigure(db, today, "LINKED")!;
    expect(codes(now.workstreams)).toEqual([wsB.code]);
    expect(codes(now.obligations)).toEqual([]);
    expect(now.csfCategory).toBe("DE.CM");

    // The outcome reason follows the link in force on each day.
    const flagged = (asOf: string) => outcomeSignalsByWorkstream(db, asOf).flatMap((s) => (s.key === "LINKED" ? [s.workstreamId] : []));
    expect(flagged(BEFORE_EDIT)).toEqual([wsA.id]);
    expect(flagged(today)).toEqual([wsB.id]);

    // So does the CSF profile's list of measures per category.
    expect(profileRow(BEFORE_EDIT, "PR.AA").measures).toContain("LINKED");
    expect(profileRow(BEFORE_EDIT, "DE.CM").measures).not.toContain("LINKED");
    expect(profileRow(today, "DE.CM").measures).toContain("LINKED");
    expect(profileRow(today, "PR.AA").measures).not.toContain("LINKED");

    // The old link was ended, not deleted: one closed row for WS-LA, one open row for WS-LB.
    const rows = db.$client
      .prepare("select workstream_id as ws, valid_to is null as open from measure_workstream_history where measure_id = ? order by id")
      .all(m.id);
    expect(rows).toEqual([
      { ws: wsA.id, open: 0 },
      { ws: wsB.id, open: 1 },
    ]);
  });

  it("an edit that keeps the links writes no new link version", async () => {
    const m = backdatedMeasure("STEADY");
    const office = signedIn("ciso_office");
    const fields = {
      version: String(m.version),
      key: "STEADY",
      name: "Measure STEADY renamed",
      unit: "percent",
      direction: "higher_better",
      kind: "kpi",
      csfCategory: "PR.AA",
      amberTolerance: "2",
      redTolerance: "5",
      workstreams: [wsA.code],
      obligations: [obligation.code],
      targets: "2026-01 90",
    };
    const res = (await settle(() => editAction(args(postRequest("/measures/STEADY/edit", fields, office.cookie), { key: "STEADY" }) as never))) as Response;
    expect(res.status).toBe(302);
    const count = (table: string) => (db.$client.prepare(`select count(*) as n from ${table} where measure_id = ?`).get(m.id) as { n: number }).n;
    expect(count("measure_workstream_history")).toBe(1);
    expect(count("measure_obligation_history")).toBe(1);
  });
});

describe("the CSF mappings of workstreams and risks keep their history", () => {
  it("/csf as of a day before a remapping lists the workstream and risk under their old categories", () => {
    const risk = makeRisk({ code: "R-CSF", workstreamIds: [wsA.id] });
    setWorkstreamCsfCategories(db, wsA.id, ["ID.AM"], "2024-02-01T12:00:00.000Z");
    setRiskCsfCategories(db, risk.id, ["GV.SC"], "2024-02-01T12:00:00.000Z");
    setWorkstreamCsfCategories(db, wsA.id, ["PR.PS", "RC.RP"], "2025-03-01T12:00:00.000Z");
    setRiskCsfCategories(db, risk.id, ["ID.RA"], "2025-03-01T12:00:00.000Z");

    // Before the first mapping: nowhere.
    expect(csfProfile(db, "2024-01-31").some((r) => r.workstreams.includes(wsA.code) || r.risks.includes("R-CSF"))).toBe(false);
    // Between the two: the old categories only.
    expect(profileRow("2025-02-28", "ID.AM").workstreams).toContain(wsA.code);
    expect(profileRow("2025-02-28", "PR.PS").workstreams).not.toContain(wsA.code);
    expect(profileRow("2025-02-28", "GV.SC").risks).toContain("R-CSF");
    expect(profileRow("2025-02-28", "ID.RA").risks).not.toContain("R-CSF");
    // From the remapping on: the new ones only.
    expect(profileRow("2025-03-01", "ID.AM").workstreams).not.toContain(wsA.code);
    expect(profileRow("2025-03-01", "PR.PS").workstreams).toContain(wsA.code);
    expect(profileRow("2025-03-01", "RC.RP").workstreams).toContain(wsA.code);
    expect(profileRow("2025-03-01", "ID.RA").risks).toContain("R-CSF");
    expect(profileRow("2025-03-01", "GV.SC").risks).not.toContain("R-CSF");

    // The live mapping (what a form would show) is the latest.
    expect(db.$client.prepare("select category from workstream_csf_categories where workstream_id = ? order by category").all(wsA.id)).toEqual([
      { category: "PR.PS" },
      { category: "RC.RP" },
    ]);
    expect(db.$client.prepare("select category from risk_csf_categories where risk_id = ?").all(risk.id)).toEqual([{ category: "ID.RA" }]);
  });
});

describe("mapping workstreams to a category on /csf", () => {
  const post = (fields: Record<string, string | string[]>, role: "ciso_office" | "board" = "ciso_office") =>
    settle(() =>
      csfAction(args(postRequest("/csf", { intent: "map-workstreams", category: "DE.AE", ...fields }, signedIn(role).cookie)) as never),
    ) as Promise<Response>;
  const open = (workstreamId: number, category: string) =>
    db.$client
      .prepare("select valid_from as validFrom from workstream_csf_category_history where workstream_id = ? and category = ? and valid_to is null")
      .all(workstreamId, category);

  it("adds and removes workstreams against the mapping the editor saw, keeping each workstream's other categories and their history", async () => {
    const keptSince = open(wsA.id, "PR.PS");
    expect(keptSince).toHaveLength(1);
    expect((await post({ workstreams: [wsA.code, wsB.code], seen: "" })).status).toBe(302);
    const today = todayIso();
    expect(profileRow(today, "DE.AE").workstreams).toEqual(expect.arrayContaining([wsA.code, wsB.code]));
    expect(profileRow(BEFORE_EDIT, "DE.AE").workstreams).not.toContain(wsA.code);
    expect(profileRow(today, "PR.PS").workstreams).toContain(wsA.code);
    expect(open(wsA.id, "PR.PS")).toEqual(keptSince);

    // Someone saved since this editor loaded the page: refused, nothing written.
    const stale = await post({ workstreams: [], seen: "" });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toContain("Reload");
    expect(profileRow(today, "DE.AE").workstreams).toEqual(expect.arrayContaining([wsA.code, wsB.code]));

    const unknown = await post({ workstreams: ["WS-NOPE"], seen: `${wsA.code},${wsB.code}` });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain("WS-NOPE");

    expect((await post({ workstreams: [wsB.code], seen: `${wsB.code},${wsA.code}` })).status).toBe(302);
    expect(profileRow(today, "DE.AE").workstreams).not.toContain(wsA.code);
    expect(open(wsA.id, "DE.AE")).toEqual([]);
    expect(open(wsB.id, "DE.AE")).toHaveLength(1);
    const audit = db.$client.prepare("select entity_id as category, after from audit_events where action = 'csf_mapping.update' order by id").all();
    expect(audit).toEqual([
      { category: "DE.AE", after: JSON.stringify({ workstreams: [wsA.code, wsB.code] }) },
      { category: "DE.AE", after: JSON.stringify({ workstreams: [wsB.code] }) },
    ]);
  });

  it("sends one category's editor only, the one the URL names", async () => {
    const load = async (query: string) =>
      (await settle(() => csfLoader(args(getRequest(`/csf${query}`, signedIn("ciso_office").cookie)) as never))) as {
        editing: string | null;
        mappings: Array<{ code: string }>;
      };
    const closed = await load("");
    expect(closed.editing).toBeNull();
    expect(closed.mappings).toEqual([]);
    const open = await load("?edit=DE.AE");
    expect(open.editing).toBe("DE.AE");
    expect(open.mappings.map((m) => m.code)).toEqual(expect.arrayContaining([wsA.code, wsB.code]));
    expect((await load("?edit=XX.YY")).editing).toBeNull();
  });

  it("is refused to a role that may not edit the profile", async () => {
    expect((await post({ workstreams: [wsA.code], seen: wsB.code }, "board")).status).toBe(403);
    expect(open(wsA.id, "DE.AE")).toEqual([]);
  });
});

describe("the back-fill migration", () => {
  it("opens one version per existing link, from its owner's creation", () => {
    const c = db.$client;
    const tables = ["measure_workstream_history", "measure_obligation_history", "workstream_csf_category_history", "risk_csf_category_history"];
    for (const t of tables) c.exec(`delete from ${t}`);
    // Found by name: migrations are renumbered when branches merge.
    const file = fs.readdirSync("db/migrations").find((f) => f.endsWith("_measure_link_history_backfill.sql"))!;
    for (const stmt of fs.readFileSync(`db/migrations/${file}`, "utf8").split("--> statement-breakpoint")) c.exec(stmt);

    const pairs = (q: string) => c.prepare(q).all();
    expect(pairs("select measure_id, workstream_id, valid_from, valid_to from measure_workstream_history order by measure_id, workstream_id")).toEqual(
      pairs(
        "select l.measure_id, l.workstream_id, m.created_at as valid_from, null as valid_to from measure_workstreams l join measures m on m.id = l.measure_id order by 1, 2",
      ),
    );
    expect(pairs("select measure_id, obligation_id, valid_from from measure_obligation_history order by 1, 2")).toEqual(
      pairs("select l.measure_id, l.obligation_id, m.created_at as valid_from from measure_obligations l join measures m on m.id = l.measure_id order by 1, 2"),
    );
    expect(pairs("select workstream_id, category, valid_from from workstream_csf_category_history order by 1, 2")).toEqual(
      pairs(
        "select l.workstream_id, l.category, w.created_at as valid_from from workstream_csf_categories l join workstreams w on w.id = l.workstream_id order by 1, 2",
      ),
    );
    expect(pairs("select risk_id, category, valid_from from risk_csf_category_history order by 1, 2")).toEqual(
      pairs("select l.risk_id, l.category, r.created_at as valid_from from risk_csf_categories l join risks r on r.id = l.risk_id order by 1, 2"),
    );
    // Something was there to back-fill in each table.
    for (const t of tables) expect((c.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n, t).toBeGreaterThan(0);
  });
});

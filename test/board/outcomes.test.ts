import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { renderBoardPack } from "~/board/pdf.server";
import { quarterDeltas } from "~/board/deltas";
import { findReport, reportFigures } from "~/board/reports.server";
import type { SnapshotOutcome } from "~/board/outcomes.server";
import { db } from "~/db.server";
import { measureFigure } from "~/figures/measures.server";
import { formatMeasure, measureNumber } from "~/measures/units";
import { OutcomesSection } from "~/measures/ui/outcomes-section";
import { loader as boardLoader } from "~/routes/board.$quarter";
import { loader as pdfLoader } from "~/routes/board.$quarter[.pdf]";
import { action as gridAction } from "~/routes/measures.values";
import { signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { readPdf } from "./pdf-layout";

// The demo as of this day: FY2026-Q3 (July–September 2026, fiscal years start in January) is its last published report.
const TODAY = "2026-12-02";
const QUARTER = "FY2026-Q3";
// The end of 2026-09-30 in the demo's time zone (America/Los_Angeles, on summer time: UTC−7).
const AS_OF_INSTANT = "2026-10-01T07:00:00.000Z";
// The last month of each of the five quarters up to FY2026-Q3, oldest first; in the report's own quarter September is
// filed in October, after the report's date, so its point is August's value.
const QUARTER_END_MONTHS = ["2025-09", "2025-12", "2026-03", "2026-06", "2026-08"];
const squash = (s: string) => s.replace(/\s+/g, "");

type KeyMeasure = { id: number; key: string; name: string; kind: string; unit: "percent" | "count" | "days" | "money"; direction: string };
let keyMeasures: KeyMeasure[] = [];

/** The value of a measure for a month as known at the report's instant, read straight from the history table. */
function knownValue(measureId: number, period: string): number | null {
  const row = db.$client
    .prepare(
      `select value from measure_value_history where measure_id = ? and period = ?
       and valid_from < ? and (valid_to is null or valid_to >= ?)`,
    )
    .get(measureId, period, AS_OF_INSTANT, AS_OF_INSTANT) as { value: number } | undefined;
  return row?.value ?? null;
}

/** The row the board should read for a measure: value, target, status, change over the quarter and five quarter-end values. */
function expectedRow(m: KeyMeasure) {
  const latest = knownValue(m.id, "2026-08")!;
  const threeMonthsBefore = knownValue(m.id, "2026-05")!;
  const change = latest - threeMonthsBefore;
  const better = m.direction === "higher_better" ? change > 0 : change < 0;
  const figure = measureFigure(db, "2026-09-30", m.key)!;
  return {
    latest,
    change,
    word: better ? "better" : change === 0 ? "no change" : "worse",
    target: figure.latest!.target,
    status: figure.status,
    trend: QUARTER_END_MONTHS.map((p) => knownValue(m.id, p)),
  };
}

describe("the board report's security outcomes (issue 14)", () => {
  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    keyMeasures = db.$client.prepare("select id, key, name, kind, unit, direction from measures where board_key = 1 order by key").all() as KeyMeasure[];
  }, 180_000);

  it("the demo flags five or more key measures, each with values for every quarter end shown", () => {
    expect(keyMeasures.length).toBeGreaterThanOrEqual(5);
    for (const m of keyMeasures) for (const p of QUARTER_END_MONTHS) expect(knownValue(m.id, p), `${m.key} ${p}`).not.toBeNull();
    // September's values were filed after the report's date: the quarter's last point must not be read from them.
    expect(keyMeasures.every((m) => knownValue(m.id, "2026-09") === null)).toBe(true);
  });

  it("the PDF's outcomes table has a row per key measure with its value, target, status, change and trend", async () => {
    const res = (await pdfLoader(args(getRequest(`/board/${QUARTER}.pdf`, signedIn("board").cookie), { quarter: QUARTER }) as never)) as Response;
    expect(res.status).toBe(200);
    const pages = await readPdf(Buffer.from(await res.arrayBuffer()));
    const all = pages.map((p) => p.text).join("\n");
    const start = all.indexOf("B2. Security outcomes");
    expect(start).toBeGreaterThan(all.indexOf("B. Obligations"));
    const section = squash(all.slice(start, all.indexOf("C. Risks by level")));
    expect(section).toContain(squash("from FY2025-Q3 to FY2026-Q3"));
    for (const m of keyMeasures) {
      const e = expectedRow(m);
      const status = e.status === "on_track" ? "On track" : e.status === "amber" ? "Amber" : "Red";
      const sign = e.change > 0 ? "+" : "";
      const row = [
        `${m.name} (${m.kind.toUpperCase()})`,
        `${formatMeasure(e.latest, m.unit)} (Aug 26)`,
        formatMeasure(e.target, m.unit),
        status,
        `${sign}${formatMeasure(e.change, m.unit)} (${e.word})`,
        e.trend.map((v) => formatMeasure(v, m.unit)).join(" -> "),
      ].join(" ");
      expect(section, m.key).toContain(squash(row));
    }
  });

  it("the on-screen report shows the same figures, with a sparkline of the five quarter ends", async () => {
    const data = (await boardLoader(args(getRequest(`/board/${QUARTER}`, signedIn("board").cookie), { quarter: QUARTER }) as never)) as {
      snapshot: { outcomes?: SnapshotOutcome[] };
      linkReasons: boolean;
    };
    const html = renderToStaticMarkup(createElement(OutcomesSection, { outcomes: data.snapshot.outcomes, linkMeasures: data.linkReasons }));
    const text = (fragment: string) =>
      fragment
        .replace(/<[^>]+>/g, " ")
        .replace(/&amp;/g, "&")
        .replace(/\s+/g, " ");
    for (const m of keyMeasures) {
      const e = expectedRow(m);
      const row = html.match(new RegExp(`<tr data-testid="board-outcome-${m.key}">(.*?)</tr>`))?.[1];
      expect(row, m.key).toBeDefined();
      const cells = [...row!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => text(c[1]!).trim());
      expect(cells[0]).toContain(m.name);
      expect(cells[1]).toBe(e.status === "on_track" ? "on track" : e.status);
      expect(cells[2]).toBe(`${formatMeasure(e.latest, m.unit)} August 2026`);
      expect(cells[3]).toBe(formatMeasure(e.target, m.unit));
      expect(cells[4]).toBe(`${e.change > 0 ? "+" : ""}${formatMeasure(e.change, m.unit)} (${e.word})`);
      expect(
        cells.slice(6).map((c) =>
          c
            .split(" ")
            .slice(0, m.unit === "days" ? 2 : 1)
            .join(" "),
        ),
      ).toEqual(e.trend.map((v) => formatMeasure(v, m.unit)));
      // The sparkline: one line through the five values (a move then four segments) and a dashed target line.
      const svg = row!.match(/<svg[^>]*data-testid="outcome-sparkline"[^>]*>(.*?)<\/svg>/)?.[1];
      expect(svg, `${m.key} sparkline`).toBeDefined();
      const paths = [...svg!.matchAll(/<path d="([^"]*)"/g)].map((p) => p[1]!);
      expect(paths).toHaveLength(2);
      expect(paths[1]!.match(/[ML]/g)).toEqual(["M", "L", "L", "L", "L"]);
    }
  });

  it("a value corrected after publication changes /measures but not the published report, which still verifies", async () => {
    const m = keyMeasures[0]!;
    const before = reportFigures(db, findReport(db, QUARTER, "board")!, TODAY);
    const frozen = before.snapshot.outcomes!.find((o) => o.key === m.key)!;
    const corrected = frozen.value! - 7;
    const office = signedIn("ciso_office");
    const version = (db.$client.prepare("select version from measure_values where measure_id = ? and period = '2026-08'").get(m.id) as { version: number })
      .version;
    const res = (await settle(() =>
      gridAction(
        args(
          postRequest(
            "/measures/values",
            {
              year: "2026",
              [`v:${m.id}:2026-08`]: measureNumber(corrected, m.unit),
              [`o:${m.id}:2026-08`]: measureNumber(frozen.value!, m.unit),
              [`ver:${m.id}:2026-08`]: String(version),
            },
            office.cookie,
          ),
        ) as never,
      ),
    )) as Response;
    expect(res.status).toBe(302);
    expect(knownValue(m.id, "2026-08")).toBe(frozen.value);
    expect(measureFigure(db, TODAY, m.key)!.series.find((p) => p.period === "2026-08")!.value).toBe(corrected);

    const after = reportFigures(db, findReport(db, QUARTER, "board")!, TODAY);
    expect(after.frozen).toBe(true);
    expect(after.verified).toBe(true);
    expect(after.snapshot.outcomes).toEqual(before.snapshot.outcomes);
  });

  it("a report frozen before outcome measures existed renders without the section", async () => {
    const report = findReport(db, QUARTER, "board")!;
    const { outcomes: _o, ...old } = reportFigures(db, report, TODAY).snapshot;
    const file = await renderBoardPack({ report, snapshot: old, verified: true, deltas: quarterDeltas(old, null), previousByLevel: null });
    const text = (await readPdf(file)).map((p) => p.text).join("\n");
    expect(text).not.toContain("Security outcomes");
    expect(text).toContain("B. Obligations");
    expect(renderToStaticMarkup(createElement(OutcomesSection, { outcomes: undefined, linkMeasures: false }))).toBe("");
  });
});

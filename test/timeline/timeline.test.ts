import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { Gantt } from "~/components/charts/gantt";
import { layoutGantt } from "~/timeline/gantt-layout";
import { loader } from "~/routes/timeline";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";

const TODAY = "2026-11-24";
const count = (svg: string, testId: string) => svg.split(`data-testid="${testId}"`).length - 1;

describe("timeline geometry", () => {
  it("places dates on one scale and marks slips", () => {
    const layout = layoutGantt({
      from: "2022-01-01",
      to: "2023-12-31",
      today: "2023-01-01",
      quarters: [{ label: "FY2022-Q1", start: "2022-01-01" }],
      workstreams: [{ id: 1, code: "WS-01", name: "One", startDate: "2022-01-01", endDate: "2023-12-31" }],
      milestones: [
        {
          id: 1,
          code: "M1",
          title: "late",
          workstreamId: 1,
          baselineDate: "2022-06-30",
          forecastDate: "2022-09-30",
          actualDate: null,
          status: "in_progress",
          expectedDate: "2022-09-30",
          slipDays: 92,
        },
        {
          id: 2,
          code: "M2",
          title: "early",
          workstreamId: 1,
          baselineDate: "2022-06-30",
          forecastDate: null,
          actualDate: "2022-06-01",
          status: "done",
          expectedDate: "2022-06-01",
          slipDays: -29,
        },
      ],
    });
    expect(layout.rows[0]).toMatchObject({ x1: 230, x2: 1188 });
    const [late, early] = layout.rows.flatMap((r) => r.markers);
    expect(layout.markerCount).toBe(2);
    expect(layout.slippedCount).toBe(1);
    expect(late!.slipped).toBe(true);
    expect(late!.xExpected).toBeGreaterThan(late!.xBaseline);
    expect(early!.slipped).toBe(false);
    expect(early!.xExpected).toBeLessThan(early!.xBaseline);
    expect(layout.todayX).toBeGreaterThan(230);
  });
});

describe("timeline of the demo programme", () => {
  let svg: string;
  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    const data = (await loader(args(getRequest("/timeline", signedIn("executive").cookie)) as never)) as Awaited<ReturnType<typeof loader>>;
    svg = renderToStaticMarkup(createElement(Gantt, { layout: data.layout, title: "Demo" }));
  });

  it("draws one bar per workstream and one marker per milestone, on the server", () => {
    const workstreams = (db.$client.prepare("select count(*) n from workstreams").get() as { n: number }).n;
    const milestones = (db.$client.prepare("select count(*) n from milestones").get() as { n: number }).n;
    expect(workstreams).toBeGreaterThanOrEqual(8);
    expect(milestones).toBeGreaterThan(workstreams);
    expect(count(svg, "workstream-bar")).toBe(workstreams);
    expect(count(svg, "milestone-marker")).toBe(milestones);
  });

  it("highlights exactly the slipped milestones, draws the quarter grid and today, and links each milestone", () => {
    const slipped = (
      db.$client.prepare("select count(*) n from milestones where status <> 'cancelled' and coalesce(actual_date, forecast_date) > baseline_date").get() as {
        n: number;
      }
    ).n;
    expect(slipped).toBeGreaterThan(0);
    expect(svg.split('data-slipped="yes"').length - 1).toBe(slipped);
    expect(count(svg, "quarter")).toBe(6 * 4);
    expect(count(svg, "today-line")).toBe(1);
    const ids = db.$client.prepare("select id from milestones").all() as Array<{ id: number }>;
    for (const { id } of ids) expect(svg).toContain(`href="/milestones/${id}"`);
    expect(svg).not.toMatch(/style=/);
  });
});

type TimelineData = Awaited<ReturnType<typeof loader>>;
const timeline = async (query: string) => (await loader(args(getRequest(`/timeline${query}`, signedIn("executive").cookie)) as never)) as TimelineData;

describe("the date window", () => {
  it("loads only the milestones whose baseline-to-expected span touches the window", async () => {
    const from = "2024-01-01";
    const to = "2024-06-30";
    const data = await timeline(`?from=${from}&to=${to}`);
    expect(data.window).toMatchObject({ from, to, preset: null });
    expect(data.notices).toEqual([]);
    // Independently: every milestone's span, from the live rows (the demo's history matches them today).
    const rows = db.$client.prepare("select id, baseline_date b, coalesce(actual_date, forecast_date, baseline_date) e from milestones").all() as Array<{
      id: number;
      b: string;
      e: string;
    }>;
    const expected = rows.filter((r) => (r.b < r.e ? r.b : r.e) <= to && (r.b > r.e ? r.b : r.e) >= from).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(rows.length);
    expect(
      data.layout.rows
        .flatMap((r) => r.markers)
        .map((m) => m.id)
        .sort((a, b) => a - b),
    ).toEqual(expected.sort((a, b) => a - b));
    expect(data.layout.quarters.length).toBeGreaterThanOrEqual(1);
    expect(data.layout.quarters.every((q) => q.start >= from && q.start <= to)).toBe(true);
  });

  it("offers presets, and reports a bad or reversed window instead of failing", async () => {
    const next = await timeline("?preset=next-12m");
    expect(next.window).toMatchObject({ preset: "next-12m", from: next.today });
    expect(next.presets.find((p) => p.current)?.label).toBe("Next 12 months");
    const bad = await timeline("?from=2024-13-01&preset=soon");
    expect(bad.notices).toEqual([
      'Ignored preset="soon": use one of programme, this-fy, next-12m, last-12m.',
      'Ignored from="2024-13-01": use a date like 2026-01-31.',
    ]);
    expect(bad.window.preset).toBe("programme");
    const reversed = await timeline("?from=2025-01-01&to=2024-01-01");
    expect(reversed.notices).toEqual(['Ignored to="2024-01-01": is before from (2025-01-01).']);
    expect(reversed.window.from).toBe("2025-01-01");
    expect(reversed.window.to > reversed.window.from).toBe(true);
  });
});

describe("grouping by workstream", () => {
  it("puts each milestone in its own workstream's collapsible row, with nothing interactive in a row's summary", async () => {
    const data = await timeline("");
    for (const row of data.layout.rows) for (const m of row.markers) expect(m.workstreamId).toBe(row.id);
    const html = renderToStaticMarkup(createElement(Gantt, { layout: data.layout, title: "Demo" }));
    expect(count(html, "timeline-row")).toBe(data.layout.rows.length);
    const summaries = html.match(/<summary[^>]*>.*?<\/summary>/g) ?? [];
    expect(summaries).toHaveLength(data.layout.rows.length);
    for (const s of summaries) expect(s).not.toMatch(/<(a|button|input|select)\b/);
  });

  it("pages through workstreams 10 at a time, in code order", async () => {
    for (let i = 0; i < 30; i++) makeWorkstream({ code: `WS-9${String(i).padStart(2, "0")}`, startDate: "2023-01-01", endDate: "2025-12-31" });
    const total = (db.$client.prepare("select count(*) n from workstreams").get() as { n: number }).n;
    const first = await timeline("");
    expect(first.totalWorkstreams).toBe(total);
    expect(first.pages).toBe(Math.ceil(total / 10));
    expect(first.layout.rows).toHaveLength(10);
    expect(first.nextHref).toBe("/timeline?preset=programme&page=2");
    const seen: string[] = [];
    for (let page = 1; page <= first.pages; page++) seen.push(...(await timeline(`?page=${page}`)).layout.rows.map((r) => r.code));
    expect(seen).toEqual((db.$client.prepare("select code from workstreams order by code").all() as Array<{ code: string }>).map((r) => r.code));
    // Outside every workstream's dates and every milestone's, no workstream is listed.
    expect((await timeline("?from=2040-01-01&to=2040-12-31")).totalWorkstreams).toBe(0);
  });
});

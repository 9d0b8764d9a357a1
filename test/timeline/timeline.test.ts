import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { Gantt } from "~/components/charts/gantt";
import { layoutGantt } from "~/timeline/gantt-layout";
import { loader } from "~/routes/timeline";
import { signedIn } from "#test/support/factories";
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
    const [late, early] = layout.markers;
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

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { milestones } from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { buildQuarterSnapshot } from "~/board/snapshot.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { db } from "~/db.server";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { action as milestoneAction } from "~/routes/milestones.$id";
import { loader as workstreamLoader } from "~/routes/workstreams.$code._index";
import { loader as milestonesApi } from "~/routes/api.v1.milestones";
import { loader as workstreamsApi } from "~/routes/api.v1.workstreams";
import { fiscalQuarterLabel } from "~/money/fiscal";
import { signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { inDays, TODAY } from "#test/support/today";

type Row = {
  code: string;
  baselineDate: string;
  originalBaselineDate: string;
  expectedDate: string;
  slipDays: number;
  slipDaysOriginal: number;
  rebaselines: number;
};
const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

async function api(loader: (a: never) => Promise<unknown>, path: string, token: string) {
  const res = (await settle(() =>
    loader(args(new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${token}` } })) as never),
  )) as Response;
  return (await res.json()) as Record<string, unknown>;
}

/** Issue 11 acceptance on the demo programme: a re-baseline never hides a slip, and ?asOf means as of that date. */
describe("milestone figures on the demo programme", () => {
  let ciso: ReturnType<typeof signedIn>;
  let token: string;
  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    ciso = signedIn("ciso_office");
    token = makeApiToken(signedIn("executive").user.id).token;
  });

  const dashboard = async (query = "") =>
    (await dashboardLoader(args(getRequest(`/dashboard${query}`, ciso.cookie)) as never)) as Awaited<ReturnType<typeof dashboardLoader>>;
  const workstreamPage = async () =>
    (await workstreamLoader(args(getRequest("/workstreams/WS-04", ciso.cookie), { code: "WS-04" }) as never)) as Awaited<ReturnType<typeof workstreamLoader>>;

  it("the API and /dashboard?quarter= answer as of the date, not today", async () => {
    const yesterday = inDays(-1);
    const msBefore = await api(milestonesApi, `/api/v1/milestones?asOf=${yesterday}&slipped=1`, token);
    const wsBefore = await api(workstreamsApi, `/api/v1/workstreams?asOf=${yesterday}`, token);
    const lastQuarter = (await dashboard()).period.options[1]!;
    const quarterBefore = (await dashboard(`?quarter=${lastQuarter}`)).milestones;
    // Today, every open milestone of WS-01 is forecast a year late.
    const target = db.select().from(milestones).where(eq(milestones.status, "not_started")).get()!;
    const res = await settle(() =>
      milestoneAction(
        args(
          postRequest(
            `/milestones/${target.id}`,
            {
              intent: "update",
              version: String(target.version),
              title: target.title,
              description: target.description,
              forecastDate: inDays(2000),
              forecastReason: "The vendor moved the delivery by years.",
              actualDate: "",
              status: target.status,
              percentComplete: String(target.percentComplete),
              weight: String(target.weight),
            },
            ciso.cookie,
          ),
          { id: String(target.id) },
        ) as never,
      ),
    );
    expect((res as Response).status ?? 200).toBeLessThan(400);
    expect(await api(milestonesApi, `/api/v1/milestones?asOf=${yesterday}&slipped=1`, token)).toEqual(msBefore);
    expect(await api(workstreamsApi, `/api/v1/workstreams?asOf=${yesterday}`, token)).toEqual(wsBefore);
    expect((await dashboard(`?quarter=${lastQuarter}`)).milestones).toEqual(quarterBefore);
    // ...and today's view does see it.
    const today = await api(milestonesApi, `/api/v1/milestones?asOf=${TODAY}&slipped=1`, token);
    expect((today.milestones as Row[]).some((m) => m.code === target.code)).toBe(true);
  });

  it("re-baselining M-WS04-09 through the real action leaves its slip against the original baseline on the dashboard, the workstream page and the board report", async () => {
    const row = (await workstreamPage()).milestones.find((m) => m.code === "M-WS04-09") as Row | undefined;
    expect(row).toBeDefined();
    const dashBefore = (await dashboard()).milestones;
    const quarter = fiscalQuarterLabel(TODAY, 1);
    const snapBefore = buildQuarterSnapshot(db, quarter, TODAY).milestones;
    const m = db.select().from(milestones).where(eq(milestones.code, "M-WS04-09")).get()!;
    // Move the baseline to the date it is expected (hiding its current slip), or later when it is already there.
    const newBaseline = row!.expectedDate > m.baselineDate ? row!.expectedDate : inDays(120);
    const res = await settle(() =>
      milestoneAction(
        args(
          postRequest(
            `/milestones/${m.id}`,
            { intent: "rebaseline", version: String(m.version), newBaselineDate: newBaseline, reason: "Vendor capacity moved the store rollout" },
            ciso.cookie,
          ),
          {
            id: String(m.id),
          },
        ) as never,
      ),
    );
    expect((res as Response).status ?? 200).toBeLessThan(400);

    const after = (await workstreamPage()).milestones.find((x) => x.code === "M-WS04-09") as Row;
    expect(after.baselineDate).toBe(newBaseline);
    expect(after.originalBaselineDate).toBe(row!.originalBaselineDate);
    expect(after.rebaselines).toBe(row!.rebaselines + 1);
    // Independent arithmetic: expected date minus the original baseline, whatever the baseline now says.
    expect(after.slipDaysOriginal).toBe(days(row!.originalBaselineDate, after.expectedDate));
    expect(after.slipDays).toBe(days(newBaseline, after.expectedDate));

    const dashAfter = (await dashboard()).milestones;
    expect(dashAfter.slippedOriginal).toBe(dashBefore.slippedOriginal);
    expect(dashAfter.rebaselined).toBe(dashBefore.rebaselined + (row!.rebaselines === 0 ? 1 : 0));
    expect(dashAfter.rebaselinesInPeriod).toBe(dashBefore.rebaselinesInPeriod + 1);

    const snapAfter = buildQuarterSnapshot(db, quarter, TODAY).milestones;
    expect(snapAfter.slippedOriginal).toBe(snapBefore.slippedOriginal);
    expect(snapAfter.rebaselinesInQuarter).toBe((snapBefore.rebaselinesInQuarter ?? 0) + 1);
    expect(snapAfter.slippedOriginal).toBe(dashAfter.slippedOriginal);
    expect(snapAfter.slipped).toBe(dashAfter.slipped);
    expect(snapAfter.total).toBe(dashAfter.total);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { loader } from "~/routes/dashboard";
import { signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";

const TODAY = new Date().toISOString().slice(0, 10);

type Row = { code: string; milestonesDone: number; milestonesOpen: number; milestonesSlipped: number; spendToDateCents: number; ownerName: string | null };

describe("programme overview on the demo data", () => {
  let rows: Row[];
  let totals: { done: number; open: number; slipped: number; spend: number };

  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    const { cookie } = signedIn("executive");
    const data = (await loader(args(getRequest("/dashboard", cookie)) as never)) as { rows: Row[]; totals: typeof totals };
    rows = data.rows;
    totals = data.totals;
  });

  it("lists every workstream", () => {
    const n = db.$client.prepare("select count(*) as n from workstreams").get() as { n: number };
    expect(rows).toHaveLength(n.n);
    expect(rows.length).toBeGreaterThanOrEqual(8);
  });

  it("matches independent per-workstream queries", () => {
    const q = (sql: string, code: string) => (db.$client.prepare(sql).get(code) as { n: number }).n;
    for (const r of rows) {
      expect(r.milestonesDone, r.code).toBe(q("select count(*) n from milestones m join workstreams w on w.id = m.workstream_id where w.code = ? and m.status = 'done'", r.code));
      expect(r.milestonesOpen, r.code).toBe(
        q("select count(*) n from milestones m join workstreams w on w.id = m.workstream_id where w.code = ? and m.status in ('not_started','in_progress')", r.code),
      );
      expect(r.milestonesSlipped, r.code).toBe(
        q(
          "select count(*) n from milestones m join workstreams w on w.id = m.workstream_id where w.code = ? and m.status <> 'cancelled' and coalesce(m.actual_date, m.forecast_date) > m.baseline_date",
          r.code,
        ),
      );
      expect(r.spendToDateCents, r.code).toBe(
        q(`select coalesce(sum(a.amount_cents), 0) n from actuals a join workstreams w on w.id = a.workstream_id where w.code = ? and a.date <= '${TODAY}'`, r.code),
      );
      const owner = db.$client.prepare("select u.name from workstreams w left join users u on u.id = w.owner_id where w.code = ?").get(r.code) as { name: string | null };
      expect(r.ownerName).toBe(owner.name);
    }
  });

  it("totals the programme like the database does", () => {
    const total = db.$client.prepare(`select coalesce(sum(amount_cents), 0) n from actuals where date <= ?`).get(TODAY) as { n: number };
    expect(totals.spend).toBe(total.n);
    expect(totals.spend).toBeGreaterThan(0);
    expect(totals.slipped).toBeGreaterThan(0);
    const done = db.$client.prepare("select count(*) n from milestones where status = 'done'").get() as { n: number };
    expect(totals.done).toBe(done.n);
  });
});

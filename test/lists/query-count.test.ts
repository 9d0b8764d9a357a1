/**
 * No list issues a query per row: the number of SQL statements one list
 * request prepares is the same over the demo programme and over three times
 * it (with more audit events too). Counted on the better-sqlite3 connection
 * itself, under every query Drizzle sends.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seedScale, multiplyProgramme } from "#db/seed/scale";
import { writeRealisticAuditEvents } from "#db/seed/scale/audit-events";
import { db } from "~/db.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { loader as budgetLoader } from "~/routes/budget._index";
import { loader as spendLoader } from "~/routes/budget.spend";
import { loader as engagementsLoader } from "~/routes/engagements._index";
import { loader as milestonesLoader } from "~/routes/milestones._index";
import { loader as risksLoader } from "~/routes/risks._index";
import { loader as workstreamsLoader } from "~/routes/workstreams._index";
import { todayIso } from "~/time/today.server";
import { signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";

type Loader = (a: ReturnType<typeof args>) => Promise<unknown>;
const LISTS: Array<[string, Loader, string]> = [
  ["workstreams", workstreamsLoader as Loader, "/workstreams?page=2&size=25&sort=name&dir=desc&q=e"],
  // A filter that matches rows at both sizes: one that matches nothing rightly skips the page queries.
  ["workstreams by RAG", workstreamsLoader as Loader, "/workstreams?rag=red&size=25"],
  ["milestones", milestonesLoader as Loader, "/milestones?page=2&size=25&sort=code&dir=desc&q=e"],
  ["risks", risksLoader as Loader, "/risks?page=2&size=25&sort=code&dir=desc&q=e"],
  ["engagements", engagementsLoader as Loader, "/engagements?size=25&sort=contract&dir=desc&q=e"],
  ["budget invoices", budgetLoader as Loader, "/budget?fy=2024&q=1&ws=WS-01&actuals-size=25&actuals-sort=amount&actuals-dir=desc"],
  ["budget spend", spendLoader as Loader, "/budget/spend?actuals-page=2&actuals-size=25&commitments-sort=amount&commitments-dir=desc"],
  ["users", usersLoader as Loader, "/admin/users?size=25&sort=email&dir=desc&q=e"],
  ["audit", auditLoader as Loader, "/admin/audit?size=25&q=e"],
];

/** Statements prepared while `fn` runs. */
async function statementsDuring(fn: () => Promise<unknown>): Promise<number> {
  const client = db.$client;
  const original = client.prepare;
  let n = 0;
  client.prepare = function (this: typeof client, ...a: Parameters<typeof original>) {
    n++;
    return original.apply(this, a);
  } as typeof original;
  try {
    await fn();
  } finally {
    client.prepare = original;
  }
  return n;
}

let cookie: string;
async function countAll(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, loader, path] of LISTS) {
    // Once to warm any per-process cache (settings, time zone), then counted.
    await loader(args(getRequest(path, cookie)));
    out[name] = await statementsDuring(() => loader(args(getRequest(path, cookie))));
  }
  return out;
}

let atOne: Record<string, number>;
let atThree: Record<string, number>;

beforeAll(async () => {
  await seedScale(db, { factor: 1, today: todayIso(), auditEvents: 200 });
  cookie = signedIn("admin").cookie;
  atOne = await countAll();
  multiplyProgramme(db, 3);
  writeRealisticAuditEvents(db, 600);
  atThree = await countAll();
}, 180_000);

describe("SQL statements per list request", () => {
  it("are counted at all (the probe sees the loaders' queries)", () => {
    for (const [name] of LISTS) expect(atOne[name], name).toBeGreaterThan(1);
  });

  for (const [name] of LISTS) {
    it(`${name}: the same at ×1 and ×3`, () => {
      expect(atThree[name]).toBe(atOne[name]);
    });
  }
});

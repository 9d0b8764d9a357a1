import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { resolveAsOf } from "~/dashboard/as-of.server";
import { forgetFigures, isFigureCached, primeFigures } from "~/figures/memo.server";
import { setFiguresOffloader } from "~/figures/off-thread.server";
import { loader as budgetLoader } from "~/routes/budget._index";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { loader as risksLoader } from "~/routes/risks._index";
import { getProgram } from "~/settings/settings.server";
import { type Background, startBackground } from "../../server/background";
import { signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";

const TODAY = "2026-12-02";

/**
 * The real background thread (server/background.ts) on this file's database:
 * a loader that misses the cache asks it, and the figure arrives primed.
 */
describe("figures computed off the request thread", () => {
  let background: Background;
  const asked: string[] = [];
  const primed: string[] = [];
  let cookie: string;

  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    cookie = signedIn("ciso_office").cookie;
    background = startBackground({
      databasePath: process.env.DATABASE_PATH!,
      mail: { enabled: false } as never,
      origin: "http://localhost:3000",
      prime: (changes, entries) => {
        primed.push(...entries.map(([key]) => key));
        return primeFigures(db, changes, entries);
      },
      log: () => {},
    });
    setFiguresOffloader((name, a) => {
      asked.push(name);
      return background.offload(name, a);
    });
  }, 180_000);

  afterAll(async () => {
    setFiguresOffloader(null);
    await background.stop();
  });

  it("a past quarter's dashboard comes from the background thread, the same as computed here, and is asked for once", async () => {
    const url = "/dashboard?quarter=FY2026-Q2";
    const { asOf } = resolveAsOf(new URL(`http://localhost${url}`), getProgram(db));
    expect(asOf < TODAY).toBe(true);
    expect(isFigureCached(db, "loadDashboard", [asOf])).toBe(false);
    const before = asked.length;
    const offThread = JSON.stringify(await dashboardLoader(args(getRequest(url, cookie)) as never));
    expect(asked.slice(before)).toEqual(["loadDashboard"]);
    expect(primed).toContain(`loadDashboard:${JSON.stringify([asOf])}`);
    // Cached now: a second view asks nobody.
    await dashboardLoader(args(getRequest(url, cookie)) as never);
    expect(asked.length).toBe(before + 1);
    // The same page computed on this thread from scratch.
    forgetFigures(db);
    setFiguresOffloader(null);
    const here = JSON.stringify(await dashboardLoader(args(getRequest(url, cookie)) as never));
    setFiguresOffloader((name, a) => {
      asked.push(name);
      return background.offload(name, a);
    });
    expect(offThread).toBe(here);
  }, 120_000);

  it("a filtered budget and a filtered register are asked for too", async () => {
    const before = asked.length;
    await budgetLoader(args(getRequest("/budget?category=vendor", cookie)) as never);
    await risksLoader(args(getRequest("/risks?level=high", cookie)) as never);
    expect(asked.slice(before)).toEqual(["loadBudget", "registerPage"]);
    expect(primed.some((k) => k.startsWith("loadBudget:") && k.includes('"vendor"'))).toBe(true);
    expect(primed.some((k) => k.startsWith("registerPage:") && k.includes('"high"'))).toBe(true);
  }, 120_000);

  it("runs at a lower scheduling priority than the thread answering requests", () => {
    // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value (fields after the command name, which ends with ")").
    const nice = (task: string) => Number(fs.readFileSync(`/proc/self/task/${task}/stat`, "utf8").split(") ")[1]!.split(" ")[16]);
    const tasks = fs.readdirSync("/proc/self/task");
    expect(nice(String(process.pid))).toBe(0);
    expect(tasks.filter((t) => nice(t) === 10)).toHaveLength(1);
  });
});

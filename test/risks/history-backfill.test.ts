import fs from "node:fs";
import { expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";

/** The custom migration that back-fills risk, link and settings history, run again on a seeded database with the history emptied. */
it("back-fills one version per risk, link, settings document and the appetite", async () => {
  await seedDemo(db, { today: "2026-11-24" });
  const c = db.$client;
  for (const t of ["risk_history", "risk_workstream_history", "risk_milestone_history", "setting_history"]) c.exec(`delete from ${t}`);
  // Found by name: migrations are renumbered when branches merge.
  const file = fs.readdirSync("db/migrations").find((f) => f.endsWith("_risk_settings_history_backfill.sql"))!;
  const sql = fs.readFileSync(`db/migrations/${file}`, "utf8");
  for (const stmt of sql.split("--> statement-breakpoint")) c.exec(stmt);
  const n = (q: string) => (c.prepare(q).get() as { n: number }).n;
  expect(n("select count(*) n from risk_history")).toBe(n("select count(*) n from risks"));
  expect(n("select count(*) n from risk_workstream_history")).toBe(n("select count(*) n from risk_workstreams"));
  expect(n("select count(*) n from setting_history")).toBe(n("select count(*) n from settings") + 1);
  expect(c.prepare("select value from setting_history where key = 'risk_appetite'").get()).toEqual({ value: JSON.stringify("medium") });
  // Seeds the whole demo first: seconds of CPU, a minute on a shared, loaded machine.
}, 120_000);

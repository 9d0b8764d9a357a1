import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedScale } from "#db/seed/scale";
import { EXPORT_BATCH_SIZE } from "~/exports/batches.server";
import { db } from "~/db.server";
import { milestonesCsv } from "~/milestones/milestone-csv.server";
import { listMilestones } from "~/milestones/milestone-queries.server";
import { todayIso } from "~/time/today.server";
import * as auditCsv from "~/routes/admin.audit[.csv]";
import * as budgetXlsx from "~/routes/budget[.xlsx]";
import * as milestonesCsvRoute from "~/routes/milestones[.csv]";
import * as risksCsvRoute from "~/routes/risks[.csv]";
import { riskRegister } from "~/figures/risks.server";
import { signedIn } from "#test/support/factories";
import { args, testContext } from "#test/support/requests";
import { TODAY } from "#test/support/today";

let staff: ReturnType<typeof signedIn>;
let admin: ReturnType<typeof signedIn>;

beforeAll(async () => {
  await seedScale(db, { factor: 3, today: TODAY, auditEvents: 4000 });
  staff = signedIn("ciso_office");
  admin = signedIn("admin");
}, 180_000);

const records = (text: string): Array<Record<string, string>> => parse(text, { columns: true });
const one = <T>(query: string, ...params: unknown[]) => db.$client.prepare(query).get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params) as T[];

async function fetchLoader(loader: (a: ReturnType<typeof args>) => unknown, path: string, cookie: string, signal?: AbortSignal): Promise<Response> {
  const request = new Request(`http://localhost:3000${path}`, { headers: { cookie }, signal });
  return (await loader({ ...args(request), context: testContext })) as Response;
}

describe("streamed exports on a factor-3 database", () => {
  it("the audit CSV is a stream whose rows are every event before the export, newest first", async () => {
    const res = await fetchLoader(auditCsv.loader as never, "/admin/audit.csv", admin.cookie);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const exportEvent = one<{ id: number; after: string }>("select id, after from audit_events where action = 'audit.export' order by id desc limit 1");
    const rows = records(await res.text());
    const expected = one<{ n: number }>("select count(*) as n from audit_events where id < ?", exportEvent.id).n;
    expect(expected).toBeGreaterThan(3 * EXPORT_BATCH_SIZE);
    expect(rows).toHaveLength(expected);
    expect(JSON.parse(exportEvent.after)).toEqual({ filter: {}, rows: expected });
    for (const offset of [0, EXPORT_BATCH_SIZE - 1, EXPORT_BATCH_SIZE, 2 * EXPORT_BATCH_SIZE + 17, expected - 1]) {
      const e = one<{ id: number; action: string; entity_id: string | null }>(
        "select id, action, entity_id from audit_events where id < ? order by id desc limit 1 offset ?",
        exportEvent.id,
        offset,
      );
      expect(rows[offset]).toMatchObject({ id: String(e.id), action: e.action });
    }
  });

  it("the budget workbook's Actuals sheet holds every invoice to date, in date and reference order", async () => {
    const res = await fetchLoader(budgetXlsx.loader as never, "/budget.xlsx", staff.cookie);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet("Actuals")!;
    const today = todayIso();
    const expected = all<{ reference: string; amount_cents: number }>(
      "select reference, amount_cents from actuals where date <= ? order by date, reference",
      today,
    );
    expect(expected.length).toBeGreaterThan(EXPORT_BATCH_SIZE);
    expect(sheet.rowCount - 1).toBe(expected.length);
    for (const i of [0, EXPORT_BATCH_SIZE - 1, EXPORT_BATCH_SIZE, expected.length - 1]) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(expected[i]!.reference);
      expect(Math.round(Number(row.getCell(3).value) * 100)).toBe(expected[i]!.amount_cents);
    }
  });

  it("the milestones CSV streamed equals the file built in one piece", async () => {
    const res = await fetchLoader(milestonesCsvRoute.loader as never, "/milestones.csv", staff.cookie);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const streamed = await res.text();
    const whole = milestonesCsv(db, listMilestones(db, {}, todayIso()));
    expect(streamed).toBe(whole);
    expect(records(streamed)).toHaveLength(one<{ n: number }>("select count(*) as n from milestones").n);
  });

  it("the audit CSV with a search holds exactly the matching events, counted as exported", async () => {
    const res = await fetchLoader(auditCsv.loader as never, "/admin/audit.csv?q=milestone", admin.cookie);
    const exportEvent = one<{ id: number; after: string }>("select id, after from audit_events where action = 'audit.export' order by id desc limit 1");
    const expected = all<{ id: number }>(
      `select id from audit_events where id < ? and (lower(action) like '%milestone%' or lower(entity) like '%milestone%' or lower(coalesce(entity_id, '')) like '%milestone%')
       order by id desc`,
      exportEvent.id,
    ).map((e) => String(e.id));
    expect(expected.length).toBeGreaterThan(EXPORT_BATCH_SIZE);
    expect(records(await res.text()).map((r) => r.id)).toEqual(expected);
    expect(JSON.parse(exportEvent.after)).toEqual({ filter: { q: "milestone" }, rows: expected.length });
  });

  it("the risks CSV holds the register in its order", async () => {
    const res = await fetchLoader(risksCsvRoute.loader as never, "/risks.csv", staff.cookie);
    const register = riskRegister(db, { asOf: todayIso() });
    expect(register.length).toBeGreaterThan(100);
    expect(records(await res.text()).map((r) => r.code)).toEqual(register.map((r) => r.code));
  });

  it("stops reading once the client disconnects", async () => {
    const total = one<{ n: number }>("select count(*) as n from audit_events").n;
    const controller = new AbortController();
    const res = await fetchLoader(auditCsv.loader as never, "/admin/audit.csv", admin.cookie, controller.signal);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (let i = 0; i < 3; i++) text += decoder.decode((await reader.read()).value);
    controller.abort();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    const lines = records(text).length;
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(total - EXPORT_BATCH_SIZE);
  });
});

import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action } from "~/routes/budget.actuals.import";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { makeEngagement, makeProgram, makeVendor } from "#test/support/money-factories";
import { args, postRequest, settle } from "#test/support/requests";

const ORIGIN = "http://localhost:3000";
const MAPPING = {
  "map.reference": "Invoice No",
  "map.date": "Posting Date",
  "map.amount": "Amount USD",
  "map.workstream": "WS",
  "map.category": "Category",
  "map.costClass": "Class",
  "map.engagement": "SOW",
  "map.description": "Memo",
  "map.tags": "Funding",
};
const HEADER = "Invoice No,Posting Date,Amount USD,WS,Category,Class,SOW,Memo,Funding";

type StepData = {
  step: string;
  errors?: Array<{ line: number; column: string | null; message: string }>;
  preview?: { fresh: number; already: number };
  mapping?: Record<string, string>;
  formError?: string | null;
};
type DataResult = { data: StepData; init: { status?: number } | null };

const count = (sql = "select count(*) n from actuals") => (db.$client.prepare(sql).get() as { n: number }).n;

async function upload(csv: string, cookie: string) {
  const body = new FormData();
  body.set("intent", "upload");
  body.set("file", new File([csv], "finance.csv", { type: "text/csv" }));
  const request = new Request(`${ORIGIN}/budget/actuals/import`, { method: "POST", body, headers: { origin: ORIGIN, cookie } });
  return (await settle(() => action(args(request) as never))) as unknown as DataResult;
}

async function step(intent: "preview" | "import", csv: string, cookie: string, mapping: Record<string, string> = MAPPING) {
  return settle(() => action(args(postRequest("/budget/actuals/import", { intent, csv, fileName: "finance.csv", ...mapping }, cookie)) as never));
}

describe("actuals import", () => {
  let cookie: string;
  beforeAll(() => {
    makeProgram();
    makeWorkstream({ code: "WS-01" });
    makeWorkstream({ code: "WS-02" });
    makeEngagement(makeVendor({ name: "KPMG" }).id, { sowReference: "SOW-KPMG-1" });
    cookie = signedIn("ciso_office").cookie;
  });
  // The audit trail is append-only: count only the events a test adds.
  let auditMark = 0;
  beforeEach(() => {
    db.$client.exec("delete from actual_tags; delete from actuals;");
    auditMark = count("select coalesce(max(id), 0) n from audit_events");
  });
  const audits = (action = "actuals.import") => count(`select count(*) n from audit_events where action = '${action}' and id > ${auditMark}`);

  const good = [
    HEADER,
    `INV-001,2024-01-15,"1,234.56",WS-01,vendor,opex,SOW-KPMG-1,Policy review,settlement`,
    `INV-002,2024-02-01,1234.56,ws-02,labour,capex,,Contractors,settlement;fcc-decree`,
    `INV-003,2024-03-31,0.29,WS-01,Labor,OPEX,,Rounding trap,`,
  ].join("\n");

  it("guesses a mapping from the headers on upload", async () => {
    const r = await upload(good, cookie);
    expect(r.data.step).toBe("map");
    expect(r.data.mapping).toMatchObject({ reference: "Invoice No", date: "Posting Date", amount: "Amount USD", engagement: "SOW", tags: "Funding" });
  });

  it("previews, then imports every row in cents with tags, and audits once", async () => {
    const p = (await step("preview", good, cookie)) as unknown as DataResult;
    expect(p.data.preview).toMatchObject({ fresh: 3, already: 0 });
    expect(count()).toBe(0);
    const res = (await step("import", good, cookie)) as Response;
    expect(res.status).toBe(302);
    const rows = db.$client.prepare("select reference, amount_cents a, category, cost_class c from actuals order by reference").all();
    expect(rows).toEqual([
      { reference: "INV-001", a: 123456, category: "vendor", c: "opex" },
      { reference: "INV-002", a: 123456, category: "labour", c: "capex" },
      { reference: "INV-003", a: 29, category: "labour", c: "opex" },
    ]);
    expect(count("select count(*) n from actual_tags where tag = 'settlement'")).toBe(2);
    expect(audits()).toBe(1);
  });

  it("writes nothing when one row is bad, and names the row and column", async () => {
    const bad = good.replace("INV-002,2024-02-01,1234.56", "INV-002,2024-02-30,12.345");
    const r = (await step("import", bad, cookie)) as unknown as DataResult;
    expect(r.init?.status).toBe(400);
    expect(r.data.errors).toEqual([
      { line: 3, column: "Posting Date", message: expect.stringMatching(/YYYY-MM-DD/) },
      { line: 3, column: "Amount USD", message: expect.stringMatching(/not an amount/) },
    ]);
    expect(count()).toBe(0);
    expect(count(`select count(*) n from audit_events where id > ${auditMark}`)).toBe(0);
  });

  it("adds nothing when the same file is imported twice", async () => {
    await step("import", good, cookie);
    const second = (await step("import", good, cookie)) as Response;
    expect(second.status).toBe(302);
    expect(decodeURIComponent(second.headers.get("set-cookie") ?? "")).toBeTruthy();
    expect(count()).toBe(3);
    const audit = db.$client.prepare("select after from audit_events where action = 'actuals.import' order by id desc").get() as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({ imported: 0, alreadyImported: 3 });
  });

  it("refuses a reference already recorded with other values, and one repeated in the file", async () => {
    await step("import", good, cookie);
    const clash = [
      HEADER,
      `INV-001,2024-01-15,999.00,WS-01,vendor,opex,,,`,
      `INV-009,2024-01-15,1.00,WS-01,vendor,opex,,,`,
      `INV-009,2024-01-16,1.00,WS-01,vendor,opex,,,`,
    ].join("\n");
    const r = (await step("import", clash, cookie)) as unknown as DataResult;
    expect(r.data.errors?.map((e) => [e.line, e.column])).toEqual([
      [2, "Invoice No"],
      [4, "Invoice No"],
    ]);
    expect(count()).toBe(3);
  });

  it("reports an incomplete mapping next to the field", async () => {
    const { "map.amount": _omit, ...partial } = MAPPING;
    const r = (await step("preview", good, cookie, partial)) as unknown as DataResult;
    expect(r.init?.status).toBe(400);
    expect((r.data as unknown as { mappingErrors: Record<string, string> }).mappingErrors.amount).toMatch(/choose the column/i);
  });

  it("imports a 10,000-row file in one transaction, and a bad last row leaves nothing behind", async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 10_000; i++)
      lines.push(`BULK-${i},2024-0${(i % 9) + 1}-1${i % 10},${i}000.${String(i % 100).padStart(2, "0")},WS-0${(i % 2) + 1},vendor,opex,,Bulk ${i},settlement`);
    const withBadLast = [...lines, "BULK-X,2024-13-01,1.00,WS-01,vendor,opex,,,"].join("\n");
    const refused = (await step("import", withBadLast, cookie)) as unknown as DataResult;
    expect(refused.data.errors).toEqual([{ line: 10_002, column: "Posting Date", message: expect.any(String) }]);
    expect(count()).toBe(0);

    const started = performance.now();
    const res = (await step("import", lines.join("\n"), cookie)) as Response;
    const ms = performance.now() - started;
    expect(res.status).toBe(302);
    expect(count()).toBe(10_000);
    expect(count("select count(*) n from actual_tags")).toBe(10_000);
    expect(audits()).toBe(1);
    const expectedCents = Array.from({ length: 10_000 }, (_, k) => (k + 1) * 1000 * 100 + ((k + 1) % 100)).reduce((a, b) => a + b, 0);
    expect(count("select sum(amount_cents) n from actuals")).toBe(expectedCents);
    expect(ms).toBeLessThan(15_000);
  });
});

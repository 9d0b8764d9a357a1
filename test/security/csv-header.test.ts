import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { milestones, risks } from "#db/schema";
import { db } from "~/db.server";
import { csvHeaders } from "~/budget/actuals-import.server";
import * as milestonesImport from "~/routes/milestones.import";
import * as risksImport from "~/routes/risks.import";
import { duplicateHeaderError, parseCsv } from "~/utils/csv.server";
import { outcome } from "#test/admin/outcome";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { args } from "#test/support/requests";

// Finding 10: a CSV whose header names a column twice was imported silently, one of the two columns lost.

function upload(path: string, csv: string, cookie: string) {
  const form = new FormData();
  form.append("file", new File([csv], "upload.csv", { type: "text/csv" }));
  return new Request(`http://localhost:3000${path}`, { method: "POST", body: form, headers: { origin: "http://localhost:3000", cookie } });
}

describe("a duplicated CSV header", () => {
  it("is refused by the shared parser with line 1, the column and both positions", () => {
    const result = parseCsv("code,title,code\nA,B,C\n", z.object({ code: z.string(), title: z.string() }), { requiredHeaders: ["code", "title"] });
    expect(result).toEqual({
      ok: false,
      errors: [{ line: 1, column: "code", message: 'The column "code" appears twice in the header (columns 1 and 3); keep only one.' }],
    });
  });

  it("is found whatever the position, and a header without repeats passes", () => {
    expect(duplicateHeaderError(["a", "b", "c", "b"])).toMatchObject({ line: 1, column: "b" });
    expect(duplicateHeaderError(["a", "b", "c"])).toBeNull();
  });

  it("is refused by the actuals import's first step, naming the column", () => {
    expect(csvHeaders("date,amount,reference,amount\n2024-01-01,1,R1,2\n")).toEqual({
      ok: false,
      error: 'Line 1: The column "amount" appears twice in the header (columns 2 and 4); keep only one.',
    });
  });

  it("makes the milestone and risk imports answer 400 with the message and save nothing", async () => {
    const { cookie } = signedIn("ciso_office");
    const ws = makeWorkstream();
    const before = { m: db.select({ n: count() }).from(milestones).get()!.n, r: db.select({ n: count() }).from(risks).get()!.n };
    const m = await outcome<{ errors: Array<{ line: number; column: string; message: string }> }>(() =>
      milestonesImport.action(args(upload("/milestones/import", `code,workstream,title,title\nM-1,${ws.code},One,Two\n`, cookie))),
    );
    expect(m.status).toBe(400);
    expect(m.body.errors).toEqual([expect.objectContaining({ line: 1, column: "title", message: expect.stringContaining("appears twice") })]);
    const r = await outcome<{ errors: Array<{ line: number; column: string; message: string }> }>(() =>
      risksImport.action(args(upload("/risks/import", "code,code,title\nR-001,R-002,x\n", cookie))),
    );
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ line: 1, column: "code" });
    expect({ m: db.select({ n: count() }).from(milestones).get()!.n, r: db.select({ n: count() }).from(risks).get()!.n }).toEqual(before);
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, riskAssessments, risks } from "#db/schema";
import { db } from "~/db.server";
import { action as importAction } from "~/routes/risks.import";
import { loader as csvLoader } from "~/routes/risks[.csv]";
import { makeUser, makeWorkstream, signedIn } from "#test/support/factories";
import { args, getRequest, settle } from "#test/support/requests";
import { testContext } from "#test/support/requests";
import { ensureProgram, makeRisk } from "#test/support/risk-factories";

function upload(text: string, cookie: string) {
  const body = new FormData();
  body.set("file", new File([text], "risks.csv", { type: "text/csv" }));
  const request = new Request("http://localhost:3000/risks/import", { method: "POST", body, headers: { cookie, origin: "http://localhost:3000" } });
  return settle(() => importAction({ request, params: {}, context: testContext } as never)) as Promise<Response>;
}

describe("risk register CSV import", () => {
  let ciso: ReturnType<typeof signedIn>;
  let exportText: string;
  beforeAll(async () => {
    ensureProgram();
    ciso = signedIn("ciso_office");
    const owner = makeUser({ email: "owner@test.example" });
    const a = makeWorkstream({ code: "WS-IA" });
    const b = makeWorkstream({ code: "WS-IB" });
    makeRisk({
      code: "R-101",
      title: "=cmd|' /C calc'!A0",
      ownerId: owner.id,
      workstreamIds: [a.id, b.id],
      nextReviewDate: "2026-12-31",
      description: "Line one\nline, two",
    });
    makeRisk({ code: "R-102", cl: 5, ci: 5 });
    exportText = await ((await csvLoader(args(getRequest("/risks.csv", ciso.cookie)) as never)) as Response).text();
  });

  it("round-trips its own export without changing anything", async () => {
    const before = db.select().from(risks).all();
    const res = await upload(exportText, ciso.cookie);
    expect(res.status).toBe(302);
    expect(db.select().from(risks).all()).toEqual(before);
    const event = db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.action === "risk.import")
      .at(-1)!;
    expect(JSON.parse(event.after!)).toEqual({ created: [], updated: [], unchanged: 2 });
  });

  it("creates new codes, updates existing ones and records a changed score as an assessment", async () => {
    const lines = exportText.trim().split("\n");
    const edited = [
      lines[0],
      ...lines.slice(1).map((l) => l.replace(/^R-102,(.*?),/, "R-102,Renamed,")),
      lines.find((l) => l.startsWith("R-102"))!.replace(/^R-102,/, "R-103,"),
    ].join("\n");
    // R-102's current score 5×5 → 2×3
    const header = lines[0]!.split(",");
    const cl = header.indexOf("current_likelihood");
    const withScore = edited
      .split("\n")
      .map((l) => {
        if (!l.startsWith("R-102,")) return l;
        const cells = l.split(",");
        cells[cl] = "2";
        cells[cl + 1] = "3";
        return cells.join(",");
      })
      .join("\n");
    const res = await upload(withScore, ciso.cookie);
    expect(res.status).toBe(302);
    const r102 = db.select().from(risks).where(eq(risks.code, "R-102")).get()!;
    expect(r102).toMatchObject({ title: "Renamed", currentLikelihood: 2, currentImpact: 3, currentLevel: "medium", version: 2 });
    expect(db.select().from(riskAssessments).where(eq(riskAssessments.riskId, r102.id)).all().at(-1)).toMatchObject({
      likelihood: 2,
      impact: 3,
      rationale: "Imported from CSV",
    });
    expect(db.select().from(risks).where(eq(risks.code, "R-103")).get()).toMatchObject({ currentLevel: "critical" });
  });

  it("refuses the whole file with every error by line and column", async () => {
    const header = exportText.split("\n")[0]!;
    const cols = header.split(",");
    const row = (over: Record<string, string>) =>
      cols
        .map(
          (c) =>
            over[c] ??
            { code: "R-200", title: "T", category: "C", csf_function: "protect", treatment: "mitigate", status: "open" }[c] ??
            (c.endsWith("likelihood") || c.endsWith("impact") ? "3" : ""),
        )
        .join(",");
    const text = [
      header,
      row({ code: "R-200" }),
      row({ code: "R-201", current_likelihood: "6", owner_email: "nobody@test.example" }),
      row({ code: "R-200", workstreams: "WS-NOPE", next_review_date: "2026-02-30" }),
    ].join("\n");
    const res = await upload(text, ciso.cookie);
    expect(res.status).toBe(400);
    const { errors } = await res.json();
    expect(errors).toEqual(
      expect.arrayContaining([
        { line: 3, column: "current_likelihood", message: "The likelihood must be between 1 and 5." },
        { line: 4, column: "next_review_date", message: "next_review_date must be a real date written YYYY-MM-DD, e.g. 2026-03-31." },
      ]),
    );
    // Database checks run only once every row parses.
    const fixed = text.replace(",6,", ",3,").replace("2026-02-30", "2026-02-28");
    const second = await (await upload(fixed, ciso.cookie)).json();
    expect(second.errors).toEqual([
      { line: 3, column: "owner_email", message: "No user has the email nobody@test.example." },
      { line: 4, column: "workstreams", message: "Unknown workstream(s): WS-NOPE." },
      { line: 4, column: "code", message: "R-200 already appears on line 2." },
    ]);
    expect(db.select().from(risks).where(eq(risks.code, "R-200")).get()).toBeUndefined();
  });

  it("is refused to leads and executives", async () => {
    for (const role of ["workstream_lead", "executive"] as const) expect((await upload(exportText, signedIn(role).cookie)).status).toBe(403);
  });
});

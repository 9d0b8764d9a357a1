import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { loader } from "~/routes/board.disclosure";
import { loader as markdownLoader } from "~/routes/board.disclosure[.md]";
import type { DisclosureSection } from "~/disclosure/statements";
import { NAMED_IN_TEXT, SOURCES_ON_PAGE } from "~/disclosure/statements";
import { signedIn } from "#test/support/factories";
import { makeRisk } from "#test/support/risk-factories";
import { args, getRequest } from "#test/support/requests";

const TODAY = "2026-12-02";
const status = (fn: () => unknown) =>
  Promise.resolve()
    .then(fn)
    .then(
      (r) => (r instanceof Response ? r.status : 200),
      (e: unknown) => (e instanceof Response ? e.status : 500),
    );

describe("the governance disclosure draft (S-K Item 106)", () => {
  let sections: DisclosureSection[];
  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    const data = (await loader(args(getRequest("/board/disclosure?fy=2026", signedIn("ciso_office").cookie)) as never)) as { sections: DisclosureSection[] };
    sections = data.sections;
  }, 180_000);

  it("covers each part of Item 106", () => {
    expect(sections.map((s) => s.item)).toEqual([
      "Item 106(b)(1)",
      "Item 106(b)(1)(ii)",
      "Item 106(b)(1)(iii)",
      "Item 106(b)(2)",
      "Item 106(c)(1)",
      "Item 106(c)(2)",
    ]);
  });

  it("names the third parties engaged in the year, each statement citing engagement rows that exist", async () => {
    const fy2023 = (await loader(args(getRequest("/board/disclosure?fy=2023", signedIn("ciso_office").cookie)) as never)) as { sections: DisclosureSection[] };
    const third = fy2023.sections.find((s) => s.id === "third-parties")!;
    const text = third.statements.map((s) => s.text).join(" ");
    for (const vendor of ["Mandiant", "KPMG", "Accenture"]) expect(text).toContain(vendor);
    const sows = new Set((db.$client.prepare("select sow_reference as s from engagements").all() as Array<{ s: string }>).map((r) => r.s));
    for (const st of third.statements) {
      expect(st.sources.length).toBeGreaterThan(0);
      for (const src of st.sources) expect(sows.has(src.ref), src.ref).toBe(true);
    }
  });

  it("states how the board is informed from the published reports and their dates", () => {
    const board = sections.find((s) => s.id === "board-oversight")!.statements[0]!;
    const published = db.$client
      .prepare("select quarter from board_reports where state = 'published' and quarter like 'FY2026-%' order by quarter")
      .all() as Array<{
      quarter: string;
    }>;
    expect(published.length).toBeGreaterThan(0);
    expect(board.sources.map((s) => s.ref)).toEqual(published.map((r) => r.quarter));
    for (const r of published) expect(board.text).toContain(r.quarter);
  });

  it("cites only rows that exist: obligations, risks, workstreams, board reports", () => {
    const exists: Record<string, (ref: string) => boolean> = {
      obligation: (ref) => Boolean(db.$client.prepare("select 1 from obligations where code = ?").get(ref)),
      risk: (ref) => Boolean(db.$client.prepare("select 1 from risks where code = ?").get(ref)),
      workstream: (ref) => Boolean(db.$client.prepare("select 1 from workstreams where code = ?").get(ref)),
      board_report: (ref) => Boolean(db.$client.prepare("select 1 from board_reports where quarter = ? and state = 'published'").get(ref)),
      engagement: (ref) => Boolean(db.$client.prepare("select 1 from engagements where sow_reference = ?").get(ref)),
      person: (ref) => Boolean(db.$client.prepare("select 1 from users where id = ?").get(Number(ref))),
      setting: () => true,
    };
    const cited = sections.flatMap((s) => s.statements.flatMap((st) => st.sources));
    expect(cited.length).toBeGreaterThan(20);
    for (const src of cited) expect(exists[src.kind]!(src.ref), `${src.kind} ${src.ref}`).toBe(true);
    // Third-party risk oversight rests on named register rows.
    expect(sections.find((s) => s.id === "third-party-risk")!.statements[0]!.sources.some((s) => s.kind === "risk")).toBe(true);
  });

  it("exports Markdown for counsel with every statement and its sources linked", async () => {
    const res = (await markdownLoader(args(getRequest("/board/disclosure.md?fy=2026", signedIn("executive").cookie)) as never)) as Response;
    expect(res.headers.get("content-type")).toContain("text/markdown");
    expect(res.headers.get("content-disposition")).toContain("governance-disclosure-FY2026-draft.md");
    const md = await res.text();
    for (const s of sections) expect(md).toContain(`## ${s.title} (${s.item})`);
    expect(md).toMatch(/\[Board report FY2026-Q1, published [\d-]+\]\(http:\/\/localhost(:\d+)?\/board\/FY2026-Q1\)/);
  });

  it("is for the CISO office and executives only, and refuses a year outside the programme with 400", async () => {
    for (const role of ["workstream_lead", "board"] as const)
      expect(await status(() => loader(args(getRequest("/board/disclosure", signedIn(role).cookie)) as never)), role).toBe(403);
    expect(await status(() => loader(args(getRequest("/board/disclosure?fy=1999", signedIn("executive").cookie)) as never))).toBe(400);
    expect(await status(() => loader(args(getRequest("/board/disclosure?fy=abc", signedIn("executive").cookie)) as never))).toBe(400);
  });

  it("at scale names the highest risks and counts the others, lists a few sources on the page and every one in Markdown", async () => {
    for (let i = 1; i <= 30; i++) makeRisk({ title: `Vendor outage ${String(i).padStart(2, "0")}`, category: "Third party", cl: 5, ci: 5 });
    const page = (await loader(args(getRequest("/board/disclosure?fy=2026", signedIn("ciso_office").cookie)) as never)) as {
      sections: Array<{ id: string; statements: Array<{ text: string; sources: Array<{ ref: string }>; moreSources: number }> }>;
    };
    const statement = page.sections.find((s) => s.id === "third-party-risk")!.statements[0]!;
    const md = await ((await markdownLoader(args(getRequest("/board/disclosure.md?fy=2026", signedIn("executive").cookie)) as never)) as Response).text();
    // The Markdown cites every risk behind the statement: the line of sources after its text.
    const lines = md.split("\n");
    const sourcesLine = lines[lines.indexOf(statement.text) + 2] ?? "";
    expect(sourcesLine.startsWith("Sources: ")).toBe(true);
    for (let i = 1; i <= 30; i++) expect(sourcesLine).toMatch(new RegExp(`\\[R-T\\d+ Vendor outage ${String(i).padStart(2, "0")}\\]`));
    const cited = sourcesLine.match(/\[R-/g)?.length ?? 0;
    expect(cited).toBeGreaterThanOrEqual(30);
    // Named in the text: the first few, then how many others; every risk is still counted.
    expect(statement.text).toContain(`and ${cited - NAMED_IN_TEXT + 1} other risks`);
    expect(statement.text.match(/"[^"]+" \(/g)).toHaveLength(NAMED_IN_TEXT - 1);
    expect(statement.sources).toHaveLength(SOURCES_ON_PAGE);
    expect(statement.moreSources).toBe(cited - SOURCES_ON_PAGE);
  });
});

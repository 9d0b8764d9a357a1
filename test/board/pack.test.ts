import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { renderBoardPack } from "~/board/pdf.server";
import { quarterDeltas } from "~/board/deltas";
import { findReport, listPublished, reportFigures } from "~/board/reports.server";
import { verifyBoardPack } from "~/board/verify-pack.server";
import { db } from "~/db.server";
import { riskRegister } from "~/figures/risks.server";
import { loader as pdfLoader } from "~/routes/board.$quarter[.pdf]";
import { signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";
import { type PageLayout, readPdf } from "./pdf-layout";

// The demo as of this day: FY2026-Q3 is its last published quarter, FY2026-Q4 a draft.
const TODAY = "2026-12-02";
const MARGIN = { left: 48, right: 48, top: 48, bottom: 56 };
const normal = (s: string) => s.replace(/\s+/g, " ");

let quarter = "";
let pdf: Buffer;
let pages: PageLayout[];
let all = "";

async function download(q: string) {
  const res = (await pdfLoader(args(getRequest(`/board/${q}.pdf`, signedIn("board").cookie), { quarter: q }) as never)) as Response;
  return Buffer.from(await res.arrayBuffer());
}

/** Changes the first occurrence of `from` in the text drawn on the pages (pdfkit writes text as hex strings in deflated streams). */
function tamper(file: Buffer, from: string, to: string): Buffer {
  const raw = file.toString("latin1");
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  const hex = (s: string) => Buffer.from(s, "latin1").toString("hex");
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    let body: string;
    try {
      body = zlib.inflateSync(file.subarray(start, end)).toString("latin1");
    } catch {
      continue;
    }
    if (body.includes(hex(from))) {
      const changed = zlib.deflateSync(Buffer.from(body.replace(hex(from), hex(to)), "latin1"));
      return Buffer.concat([file.subarray(0, start), changed, Buffer.from("\n"), file.subarray(end)]);
    }
  }
  throw new Error(`"${from}" is not drawn in this PDF`);
}

describe("the board pack of the demo's last published quarter", () => {
  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
    quarter = listPublished(db).at(-1)!.quarter;
    pdf = await download(quarter);
    pages = await readPdf(pdf);
    all = normal(pages.map((p) => p.text).join("\n"));
  }, 180_000);

  it("is the FY2026-Q3 report, identified in its metadata", () => {
    expect(quarter).toBe("FY2026-Q3");
    const report = findReport(db, quarter, "board")!;
    expect(pdf.toString("latin1")).toContain(`(rampart-board-report quarter=${quarter} sha256=${report.contentHash})`);
  });

  it("draws every chart, table and line inside the margins (the cover's full-bleed title band aside)", () => {
    for (const p of pages) {
      const paths = p.paths.filter((b) => !(p.number === 1 && b.y0 <= 0.5));
      for (const b of [...paths, ...p.textBoxes]) {
        const where = `page ${p.number}: ${"str" in b ? `"${b.str}"` : "path"} at ${Math.round(b.x0)},${Math.round(b.y0)}–${Math.round(b.x1)},${Math.round(b.y1)}`;
        expect(b.x0, where).toBeGreaterThanOrEqual(MARGIN.left - 1);
        expect(b.x1, where).toBeLessThanOrEqual(p.width - MARGIN.right + 1);
        expect(b.y1, where).toBeLessThanOrEqual(p.height - 24);
        if (p.number > 1) expect(b.y0, where).toBeGreaterThanOrEqual(MARGIN.top - 12);
      }
    }
    // Charts are vector drawings: the dashboard alone holds many paths (spend lines, heat-map cells, commitment bars).
    expect(pages[1]!.paths.length).toBeGreaterThan(40);
  });

  it("has no empty or mostly empty page", () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const p of pages) {
      const body = p.textBoxes.filter((b) => b.y1 < p.height - MARGIN.bottom);
      const lowest = Math.max(0, ...body.map((b) => b.y1));
      expect(lowest / p.height, `page ${p.number} is filled to ${Math.round((lowest * 100) / p.height)}%`).toBeGreaterThan(0.4);
    }
  });

  it("opens with the cover and memo, then a one-page dashboard, then the appendix", () => {
    const first = normal(pages[0]!.text);
    expect(first).toContain(`Board report ${quarter}`);
    expect(first).toMatch(/Approved by\s*\S+/);
    expect(first).toContain("Published");
    expect(first).toContain("Memo to the board");
    expect(first).toContain("Decisions asked of the board");
    const dashboard = pages.filter((p) => /D\s*a\s*s\s*h\s*b\s*o\s*a\s*r\s*d/.test(p.text.slice(0, 200)));
    expect(dashboard).toHaveLength(1);
    const d = normal(dashboard[0]!.text);
    for (const section of [
      "Programme and workstream health",
      "Spend and commitments",
      "Milestones and re-baselines",
      "Risks: heat map and top five",
      "Changes since the previous report",
    ])
      expect(d).toContain(section);
    expect(all.indexOf("A. Workstreams")).toBeGreaterThan(all.indexOf("Changes since the previous report"));
  });

  it("shows the heat map and the top five risks by name, with owner, trend and treatment", () => {
    const page = normal(pages[1]!.text);
    expect(page).toContain("Almost certain");
    expect(page).toContain("Impact");
    const d = page.slice(page.indexOf("Top five risks"), page.indexOf("Changes since the previous report"));
    const open = riskRegister(db, { asOf: "2026-09-30" }).filter((r) => r.status !== "closed");
    const named = open.filter((r) => d.includes(`${r.code} `) && d.includes(r.title.slice(0, 30)));
    expect(named).toHaveLength(5);
    // They are the highest scored: no open risk left out scores above the lowest named one.
    const lowest = Math.min(...named.map((r) => r.currentScore));
    expect(open.filter((r) => !named.includes(r) && r.currentScore > lowest)).toEqual([]);
    for (const r of named) expect(d).toContain(r.ownerName!);
    expect(d).toMatch(/steady|worse|better|new this quarter/);
    expect(d).toContain("Mitigate");
  });

  it("discloses every re-baseline of the quarter, with dates and reason", () => {
    const rows = db.$client
      .prepare(
        `select m.code, b.reason from milestone_baselines b join milestones m on m.id = b.milestone_id
         where b.created_at >= '2026-07-01' and b.created_at < '2026-10-01T12:00:00Z'`,
      )
      .all() as Array<{ code: string; reason: string }>;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(normal(pages[1]!.text)).toContain(r.code);
      expect(all).toContain(normal(r.reason).slice(0, 40));
    }
    expect(all).toContain("D. Re-baselines this quarter");
  });

  it("has the workstream and obligation tables, every row present", () => {
    const workstreams = db.$client.prepare("select code from workstreams").all() as Array<{ code: string }>;
    const obligations = db.$client.prepare("select code from obligations").all() as Array<{ code: string }>;
    const appendix = all.slice(all.indexOf("A. Workstreams"));
    for (const w of workstreams) expect(appendix).toContain(w.code);
    for (const o of obligations) expect(appendix).toContain(o.code);
    expect(appendix).toContain("B. Obligations");
  });

  it("prints narrative lists as bullets, never as raw dashes", () => {
    expect(all).toContain("•");
    for (const p of pages) expect(p.text).not.toMatch(/(^|\n)\s*- \S/);
  });

  it("says in plain words what was frozen and when, and keeps the SHA-256 to the appendix", () => {
    const report = findReport(db, quarter, "board")!;
    expect(normal(pages[0]!.text)).toContain("its fingerprint lets anyone check it has not changed since");
    const withHash = pages.filter((p) => p.text.replace(/\s/g, "").includes(report.contentHash!));
    expect(withHash.map((p) => p.number)).toEqual([pages.length]);
    expect(all).toContain(`SHA-256 ${report.contentHash}`);
  });
});

describe("board:verify", () => {
  it("accepts the published PDF as genuine", async () => {
    const verdict = await verifyBoardPack(db, pdf, TODAY);
    expect(verdict).toMatchObject({ ok: true, quarter });
  });

  it("rejects the same PDF with one figure changed, naming it", async () => {
    const actual = pages[1]!.text.match(/Actual (\$[\d,]+) against/)![1]!;
    const changed = actual.replace(/\d(?=[^\d]*$)/, (d) => String((Number(d) + 1) % 10));
    const verdict = await verifyBoardPack(db, tamper(pdf, actual, changed), TODAY);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.message).toMatch(/^Altered/);
    expect(verdict.differences.some((d) => d.published.includes(actual) && d.file.includes(changed))).toBe(true);
  });

  it("rejects a draft, a PDF naming another fingerprint, and a file that is not a PDF", async () => {
    const draft = await (async () => {
      const res = (await pdfLoader(args(getRequest("/board/FY2026-Q4.pdf", signedIn("ciso_office").cookie), { quarter: "FY2026-Q4" }) as never)) as Response;
      return Buffer.from(await res.arrayBuffer());
    })();
    expect(await verifyBoardPack(db, draft, TODAY)).toMatchObject({ ok: false, message: expect.stringMatching(/DRAFT/) });
    const report = findReport(db, quarter, "board")!;
    const other = Buffer.from(pdf.toString("latin1").replace(report.contentHash!, "0".repeat(64)), "latin1");
    expect(await verifyBoardPack(db, other, TODAY)).toMatchObject({ ok: false, message: expect.stringMatching(/not that report/) });
    expect(await verifyBoardPack(db, Buffer.from("hello"), TODAY)).toMatchObject({ ok: false, message: "This file is not a PDF." });
  });
});

describe("a report published before the pack named its top risks", () => {
  it("still renders, saying which sections its frozen figures predate", async () => {
    const report = findReport(db, quarter, "board")!;
    const { snapshot } = reportFigures(db, report, TODAY);
    const { topRisks: _t, heatMap: _h, rebaselines: _r, ...old } = snapshot;
    const file = await renderBoardPack({ report, snapshot: old, verified: true, deltas: quarterDeltas(old, null), previousByLevel: null });
    const text = normal((await readPdf(file)).map((p) => p.text).join("\n"));
    expect(text).toContain("predate the heat map");
    expect(text).toContain("predate the named top risks");
    expect(text).toContain("predate the list of re-baselines");
  });
});

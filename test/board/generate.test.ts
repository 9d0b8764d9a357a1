import { beforeAll, describe, expect, it } from "vitest";
import { boardReports, program } from "#db/schema";
import { db } from "~/db.server";
import { action, loader } from "~/routes/board._index";
import { loader as pdfLoader } from "~/routes/board.$quarter[.pdf]";
import { todayIso } from "~/time/today.server";
import { fiscalQuarterLabel } from "~/money/fiscal";
import { signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { pdfText } from "./pdf-text";

const status = (res: unknown) => (res instanceof Response ? res.status : ((res as { init?: { status?: number } } | null)?.init?.status ?? 200));
const TODAY = todayIso();
const CURRENT = fiscalQuarterLabel(TODAY, 1);

describe("generating a draft", () => {
  beforeAll(() => {
    db.insert(program).values({ name: "Generate programme", startFiscalYear: 2025, endFiscalYear: 2028, fiscalYearStartMonth: 1 }).run();
  });

  it("offers the programme's quarters up to today that have no report", async () => {
    db.insert(boardReports).values({ quarter: "FY2025-Q2", asOfDate: "2025-06-30", state: "draft" }).run();
    const { cookie } = signedIn("ciso_office");
    const data = (await loader(args(getRequest("/board", cookie)) as never)) as { quarters: string[]; canGenerate: boolean };
    expect(data.canGenerate).toBe(true);
    expect(data.quarters[0]).toBe(CURRENT);
    expect(data.quarters.at(-1)).toBe("FY2025-Q1");
    expect(data.quarters).not.toContain("FY2025-Q2");
    const exec = (await loader(args(getRequest("/board", signedIn("executive").cookie)) as never)) as {
      quarters: string[];
      canGenerate: boolean;
      reports: unknown[];
    };
    expect(exec).toMatchObject({ canGenerate: false, quarters: [], reports: [] });
  });

  it("creates a draft for the quarter in progress as of today, audited", async () => {
    const { cookie } = signedIn("ciso_office");
    const res = await settle(() => action(args(postRequest("/board", { intent: "generate", quarter: CURRENT }, cookie)) as never));
    expect(status(res)).toBe(302);
    const row = db.$client.prepare("select state, as_of_date from board_reports where quarter = ?").get(CURRENT);
    expect(row).toEqual({ state: "draft", as_of_date: TODAY });
    expect(db.$client.prepare("select count(*) as n from audit_events where action = 'board_report.create'").get()).toEqual({ n: 1 });
  });

  it("refuses a quarter already reported, a future one, or garbage with 400", async () => {
    const { cookie } = signedIn("ciso_office");
    for (const quarter of [CURRENT, "FY2028-Q4", "FY2019-Q1", "next"]) {
      const res = await settle(() => action(args(postRequest("/board", { intent: "generate", quarter }, cookie)) as never));
      expect(status(res), quarter).toBe(400);
    }
    expect(db.$client.prepare("select count(*) as n from board_reports").get()).toEqual({ n: 2 });
  });

  it("lets the CISO office download a draft PDF marked DRAFT, without a hash", async () => {
    const { cookie } = signedIn("ciso_office");
    const res = (await pdfLoader(args(getRequest(`/board/${CURRENT}.pdf`, cookie), { quarter: CURRENT }) as never)) as Response;
    expect(res.headers.get("content-disposition")).toContain("-DRAFT.pdf");
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain("DRAFT, not published");
  });
});

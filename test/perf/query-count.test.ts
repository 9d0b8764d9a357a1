import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { API_SCOPES } from "#db/schema/enums";
import { seedDemo } from "#db/seed/demo";
import { multiplyProgramme } from "#db/seed/scale";
import { refreshStatistics } from "#db/statistics";
import { db } from "~/db.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { signedIn } from "#test/support/factories";
import { countQueries } from "#test/support/query-count";
import { args, getRequest, settle } from "#test/support/requests";
import { TODAY } from "#test/support/today";
import { loader as dashboard } from "~/routes/dashboard";
import { loader as risks } from "~/routes/risks._index";
import { loader as budget } from "~/routes/budget._index";
import { loader as obligations } from "~/routes/obligations._index";
import { loader as workstream } from "~/routes/workstreams.$code._index";
import { loader as milestone } from "~/routes/milestones.$id";
import { loader as newMilestone } from "~/routes/milestones.new";
import { loader as newRisk } from "~/routes/risks.new";
import { loader as editRisk } from "~/routes/risks.$code_.edit";
import { loader as engagement } from "~/routes/engagements.$id._index";
import { loader as editEngagement } from "~/routes/engagements.$id.edit";
import { loader as userDetail } from "~/routes/admin.users.$userId";
import { loader as board } from "~/routes/board.$quarter";
import { loader as apiBoardReport } from "~/routes/api.v1.board-reports.$quarter";
import { loader as apiBoardReports } from "~/routes/api.v1.board-reports._index";
import { loader as apiBudget } from "~/routes/api.v1.budget";
import { loader as apiMilestones } from "~/routes/api.v1.milestones";
import { loader as apiProgram } from "~/routes/api.v1.program";
import { loader as apiRisks } from "~/routes/api.v1.risks";
import { loader as apiWorkstreams } from "~/routes/api.v1.workstreams";

/**
 * Issue 12: a page's number of SQL statements does not depend on the size of
 * the programme (no query per row). Each page is requested on the demo (×1),
 * then the same database is multiplied to ×3 with denser copies (three times
 * the workstreams, twice the milestones and risks in each copy), and every
 * page must execute exactly as many statements as before.
 */
type Page = { name: string; loader: (args: never) => unknown; path: string; params?: Record<string, string>; api?: boolean; admin?: boolean };
type Measured = { count: number; status: number; statements: string[] };

const PAGES = [
  "dashboard",
  "risks",
  "budget",
  "obligations",
  "workstream detail",
  "milestone detail",
  "milestone detail, dependency search",
  "new milestone",
  "new risk",
  "risk edit, link search",
  "engagement detail",
  "engagement edit",
  "user detail",
  "board draft",
  "api board report",
  "api board reports",
  "api budget",
  "api milestones",
  "api program",
  "api risks",
  "api workstreams",
] as const;

let cookie: string;
let adminCookie: string;
let token: string;
const atFactor1 = new Map<string, Measured>();
const atFactor3 = new Map<string, Measured>();

async function measure(page: Page): Promise<Measured> {
  const request = page.api
    ? new Request(`http://localhost:3000${page.path}`, { headers: { authorization: `Bearer ${token}` } })
    : getRequest(page.path, page.admin ? adminCookie : cookie);
  const { result, count, statements } = await countQueries(db, () => settle(() => page.loader(args(request, page.params ?? {}) as never)));
  if (result instanceof Response) await result.arrayBuffer();
  return { count, status: result instanceof Response ? result.status : 200, statements };
}

const first = <T>(query: string) => db.get<T>(sql.raw(query));

beforeAll(async () => {
  await seedDemo(db, { today: TODAY });
  const ciso = signedIn("ciso_office");
  cookie = ciso.cookie;
  token = makeApiToken(ciso.user.id, { scopes: API_SCOPES }).token;
  adminCookie = signedIn("admin").cookie;
  const ws = first<{ code: string }>("select code from workstreams order by id limit 1").code;
  const ms = first<{ id: number }>("select id from milestones order by id limit 1").id;
  const risk = first<{ code: string }>("select code from risks order by id limit 1").code;
  const eng = first<{ id: number }>("select id from engagements order by id limit 1").id;
  const draft = first<{ quarter: string } | undefined>("select quarter from board_reports where state = 'draft' order by quarter desc limit 1");
  const published = first<{ quarter: string }>("select quarter from board_reports where state = 'published' order by quarter desc limit 1").quarter;
  expect(draft, "the demo has a draft board report").toBeDefined();
  const pages: Record<(typeof PAGES)[number], Page> = {
    dashboard: { name: "dashboard", loader: dashboard, path: "/dashboard" },
    risks: { name: "risks", loader: risks, path: "/risks" },
    budget: { name: "budget", loader: budget, path: "/budget" },
    obligations: { name: "obligations", loader: obligations, path: "/obligations" },
    "workstream detail": { name: "workstream detail", loader: workstream, path: `/workstreams/${ws}`, params: { code: ws } },
    "milestone detail": { name: "milestone detail", loader: milestone, path: `/milestones/${ms}`, params: { id: String(ms) } },
    "milestone detail, dependency search": {
      name: "milestone detail, dependency search",
      loader: milestone,
      path: `/milestones/${ms}?dep_q=m&title=Typed&dependsOn=${ms + 1}`,
      params: { id: String(ms) },
    },
    "new milestone": { name: "new milestone", loader: newMilestone, path: "/milestones/new" },
    "new risk": { name: "new risk", loader: newRisk, path: "/risks/new?ws_q=ws&ms_q=m" },
    "risk edit, link search": { name: "risk edit, link search", loader: editRisk, path: `/risks/${risk}/edit?ws_q=&ms_q=e`, params: { code: risk } },
    "engagement detail": { name: "engagement detail", loader: engagement, path: `/engagements/${eng}`, params: { id: String(eng) } },
    "engagement edit": { name: "engagement edit", loader: editEngagement, path: `/engagements/${eng}/edit?ws_q=ws`, params: { id: String(eng) } },
    "user detail": { name: "user detail", loader: userDetail, path: `/admin/users/${ciso.user.id}`, params: { userId: String(ciso.user.id) }, admin: true },
    "board draft": { name: "board draft", loader: board, path: `/board/${draft!.quarter}`, params: { quarter: draft!.quarter } },
    "api board report": {
      name: "api board report",
      loader: apiBoardReport,
      path: `/api/v1/board-reports/${published}`,
      params: { quarter: published },
      api: true,
    },
    "api board reports": { name: "api board reports", loader: apiBoardReports, path: "/api/v1/board-reports", api: true },
    "api budget": { name: "api budget", loader: apiBudget, path: "/api/v1/budget", api: true },
    "api milestones": { name: "api milestones", loader: apiMilestones, path: "/api/v1/milestones", api: true },
    "api program": { name: "api program", loader: apiProgram, path: "/api/v1/program", api: true },
    "api risks": { name: "api risks", loader: apiRisks, path: "/api/v1/risks", api: true },
    "api workstreams": { name: "api workstreams", loader: apiWorkstreams, path: "/api/v1/workstreams", api: true },
  };
  // The first API request of a token records its use (one write a minute): warm up before counting.
  await measure(pages["api board reports"]);
  for (const name of PAGES) atFactor1.set(name, await measure(pages[name]));
  const before = first<{ n: number }>("select count(*) as n from milestones").n;
  multiplyProgramme(db, 3, 2);
  refreshStatistics(db, "full");
  // Two copies, each with its milestones twice over.
  expect(first<{ n: number }>("select count(*) as n from milestones").n).toBe(before + 2 * 2 * before);
  for (const name of PAGES) atFactor3.set(name, await measure(pages[name]));
}, 180_000);

describe("statements per request do not grow with the data", () => {
  for (const name of PAGES) {
    it(`${name}: as many statements at ×3 as at ×1`, () => {
      const one = atFactor1.get(name)!;
      const three = atFactor3.get(name)!;
      expect(one.status, `${name} answers`).toBe(200);
      expect(three.status, `${name} answers at ×3`).toBe(200);
      expect(one.count, `${name} runs SQL`).toBeGreaterThan(0);
      const extra = three.statements.filter((s) => !one.statements.includes(s)).slice(0, 3);
      expect(three.count, `${name} at ×3 runs ${extra.join(" | ")}`).toBe(one.count);
    });
  }
});

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#db/schema/enums";
import { type Browser, logIn, openBrowser } from "./browser";

// axe-core's browser bundle, evaluated in the page: the app's CSP (rightly) refuses an injected <script>.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const ROLES: Role[] = ["admin", "ciso_office", "executive", "workstream_lead", "board"];

// Routes that are not pages a signed-in user reads: redirects, sign-out, one-time-link forms (checked signed out below) and downloads.
const NOT_PAGES = new Set(["_index", "logout", "setup", "invite", "reset-password", "login", "login_.mfa"]);

/** Every page route of app/routes, as its file name (flat-routes convention). */
function pageRoutes(): string[] {
  return fs
    .readdirSync(path.resolve(import.meta.dirname, "../../app/routes"))
    .filter((f) => f.endsWith(".tsx") && !f.includes("[."))
    .map((f) => f.replace(/\.tsx$/, ""))
    .filter((id) => !NOT_PAGES.has(id) && !id.startsWith("api."));
}

type Params = Record<string, string>;

/** The URL a route file answers, with its parameters filled from the demo data. */
function urlFor(id: string, p: Params): string | null {
  const area = id.split(".")[0]!;
  const segments = id
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""));
  let missing = false;
  const filled = segments.map((s) => {
    if (!s.startsWith("$")) return s;
    const key = `${area}:${s.slice(1)}`;
    if (!p[key]) missing = true;
    return p[key] ?? "";
  });
  return missing ? null : `/${filled.join("/")}`;
}

/** The first link on a page whose address matches, captured. */
async function firstLink(page: Page, from: string, pattern: RegExp): Promise<RegExpExecArray | null> {
  await page.goto(from);
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  for (const h of hrefs) {
    const m = pattern.exec(h);
    if (m) return m;
  }
  return null;
}

/** Parameters for every route, read from the demo through pages the administrator and an executive can open. */
async function demoParams(admin: Page, executive: Page): Promise<Params> {
  const p: Params = {};
  const set = (key: string, m: RegExpExecArray | null, group = 1) => {
    if (m?.[group]) p[key] = decodeURIComponent(m[group]);
  };
  set("workstreams:code", await firstLink(admin, "/workstreams", /^\/workstreams\/([\w-]+)$/));
  set("risks:code", await firstLink(admin, "/risks", /^\/risks\/(R-[\w-]+)$/));
  set("obligations:code", await firstLink(admin, "/obligations", /^\/obligations\/([\w-]+)$/));
  set("milestones:id", await firstLink(admin, "/milestones", /^\/milestones\/(\d+)$/));
  set("engagements:id", await firstLink(admin, "/engagements", /^\/engagements\/(\d+)$/));
  // Not every workstream has reported yet (a planned one has not): the first that has.
  await admin.goto("/workstreams");
  const codes = await admin.locator("a[href^='/workstreams/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  for (const href of codes.filter((h) => /^\/workstreams\/[\w-]+$/.test(h)).slice(0, 12)) {
    set("status-reports:id", await firstLink(admin, href, /^\/status-reports\/(\d+)$/));
    if (p["status-reports:id"]) break;
  }
  set("board:quarter", await firstLink(admin, "/board", /^\/board\/(FY\d{4}-Q[1-4])$/));
  set("admin:userId", await firstLink(admin, "/admin/users", /^\/admin\/users\/(\d+)$/));
  // A pending acceptance (from the executive's inbox) opens its decision page; without one, the route stays unvisited.
  const acceptance = await firstLink(executive, "/inbox", /^\/risks\/(R-[\w-]+)\/acceptances\/(\d+)/);
  if (acceptance) {
    p["risks:code"] ??= acceptance[1]!;
  }
  return { ...p, ...(acceptance ? { "acceptance:risk": acceptance[1]!, "acceptance:id": acceptance[2]! } : {}) };
}

type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Violation[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, TAGS);
}

const describeViolations = (url: string, vs: Violation[]) =>
  vs.map((v) => `${url}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help}; first at ${v.nodes[0]?.target.join(" ")}`);

describe("accessibility: axe-core finds no WCAG 2.2 AA violation on any page, for any role", () => {
  let admin: Browser;
  let executive: Browser;
  let params: Params;
  beforeAll(async () => {
    [admin, executive] = await Promise.all([openBrowser(), openBrowser()]);
    await logIn(admin.page, "admin");
    await logIn(executive.page, "executive");
    params = await demoParams(admin.page, executive.page);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([admin?.close(), executive?.close()]);
  });

  it("finds the parameters of every route in the demo data", () => {
    for (const key of ["workstreams:code", "risks:code", "milestones:id", "engagements:id", "status-reports:id", "board:quarter", "admin:userId"])
      expect(params[key], key).toBeTruthy();
  });

  it("signed out: the log-in page and a 404 (which has a title)", async () => {
    const browser = await openBrowser();
    try {
      const found: string[] = [];
      await browser.page.goto("/login");
      found.push(...describeViolations("/login", await axeViolations(browser.page)));
      await logIn(browser.page, "board");
      const res = await browser.page.goto("/no-such-page");
      expect(res?.status()).toBe(404);
      expect(await browser.page.title()).toMatch(/Not found/);
      found.push(...describeViolations("/no-such-page", await axeViolations(browser.page)));
      expect(found).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  for (const role of ROLES) {
    it(`${role}: every page the role can open`, async () => {
      const browser = await openBrowser();
      try {
        const { page } = browser;
        await logIn(page, role);
        const found: string[] = [];
        const visited: string[] = [];
        for (const id of pageRoutes()) {
          const url =
            id === "risks.$code_.acceptances.$id"
              ? params["acceptance:id"]
                ? `/risks/${params["acceptance:risk"]}/acceptances/${params["acceptance:id"]}`
                : null
              : urlFor(id, params);
          if (!url) continue;
          const res = await page.goto(url);
          // A page the role may not open (403), or a step the demo's state does not offer (404, 409), is not this role's page.
          if (res?.status() !== 200) continue;
          visited.push(url);
          expect(await page.title(), `${url} has a title`).not.toBe("");
          found.push(...describeViolations(url, await axeViolations(page)));
        }
        expect(visited.length).toBeGreaterThan(role === "board" ? 2 : 10);
        expect(found).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 600_000);
  }
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { homePathFor } from "~/auth/permissions";
import { navigationFor } from "~/components/navigation";
import type { Role } from "#db/schema/enums";
import { type Browser, logIn, openBrowser } from "./browser";

const ROLES: Role[] = ["admin", "ciso_office", "workstream_lead", "executive", "board"];

describe("each role through the real log-in page", () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser.close();
  });

  for (const role of ROLES) {
    it(`${role} sees exactly its own areas, and each opens without a CSP violation`, async () => {
      const { page } = browser;
      await logIn(page, role);
      expect(new URL(page.url()).pathname).toBe(homePathFor(role));
      const expected = navigationFor(role);
      const shown = await page.locator('nav[aria-label="Main"] a').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(shown).toEqual(expected.map((n) => n.to));
      for (const item of expected) {
        const res = await page.goto(item.to);
        expect(res?.status(), item.to).toBe(200);
      }
      expect(browser.cspViolations).toEqual([]);
    });
  }

  it("refuses the board the dashboard and the admin pages with 403", async () => {
    const { page } = browser;
    await logIn(page, "board");
    for (const path of ["/dashboard", "/admin/users", "/risks"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/Not permitted|permission/i);
    }
  });
});

describe("role homes and forms that keep work, in Chromium", () => {
  let browser: Browser;
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    expect(browser.cspViolations).toEqual([]);
    await browser.close();
  });

  it("an executive lands on the inbox and approves a pending acceptance from it, with a note", async () => {
    const { page } = browser;
    await logIn(page, "executive");
    expect(new URL(page.url()).pathname).toBe("/inbox");
    const waiting = Number(await page.getByTestId("inbox-acceptances-count").textContent());
    expect(waiting).toBeGreaterThan(0);
    // The navigation counts what waits: the acceptances and any board report in review.
    expect(
      Number(
        await page
          .getByTestId("nav-count-inbox")
          .innerText()
          .then((t) => t.replace(/\D/g, "")),
      ),
    ).toBeGreaterThanOrEqual(waiting);

    const decide = page
      .getByTestId("inbox-acceptances")
      .getByRole("link", { name: /^Decide/ })
      .first();
    const code = /R-[\w-]+/.exec((await decide.textContent()) ?? "")![0];
    await decide.click();
    await page.waitForURL((url) => url.pathname.startsWith(`/risks/${code}/acceptances/`));
    expect(await page.getByTestId("acceptance-score").textContent()).toMatch(/likelihood \d × impact \d/);
    expect(await page.getByTestId("acceptance-appetite").textContent()).toMatch(/above appetite|within appetite/);

    // Without a note the approval is refused beside the field, and nothing is decided.
    await page.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => page.getByText(/Write a note of at least/).count()).toBe(1);
    await page.getByLabel("Decision note").fill("Accepted until the storage platform lands; revisit at the next board.");
    await page.getByLabel("Decision note").blur();
    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(new RegExp(`Acceptance of ${code} approved`));
    expect(Number(await page.getByTestId("inbox-acceptances-count").textContent())).toBe(waiting - 1);
  });

  it("a lead lands on My work and reaches the due monthly report, its month chosen, in one click", async () => {
    const { page } = browser;
    await logIn(page, "workstream_lead");
    expect(new URL(page.url()).pathname).toBe("/my-work");
    const link = page
      .getByTestId("my-reports-due")
      .getByRole("link", { name: /^(Write|Continue) the \d{4}-\d{2}/ })
      .first();
    const month = /\d{4}-\d{2}/.exec((await link.textContent()) ?? "")![0];
    const continues = /^Continue/.test((await link.textContent()) ?? "");
    await link.click();
    if (continues) {
      await page.waitForURL(/\/status-reports\/\d+$/);
      // The URL changes before the next page has rendered: wait for its heading.
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(month);
    } else {
      await page.waitForURL(/\/workstreams\/[\w-]+\/reports\/new/);
      await expect.poll(() => page.getByLabel("Month", { exact: true }).inputValue()).toBe(month);
      // The milestones' facts for that month are already in the form.
      expect(await page.getByLabel("Accomplishments this month").inputValue()).toContain("[Facts from Rampart");
    }
  });
});

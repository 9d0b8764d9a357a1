import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
      expect(new URL(page.url()).pathname).toBe(role === "board" ? "/board" : "/dashboard");
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

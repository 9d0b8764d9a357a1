import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, logIn, openBrowser } from "./browser";

describe("the notification centre in Chromium", () => {
  let lead: Browser;
  beforeAll(async () => {
    lead = await openBrowser();
  });
  afterAll(async () => {
    await lead?.close();
  });

  it("a lead sees the unread count, opens a report reminder, submits the report, and the reminder is gone", async () => {
    const { page } = lead;
    await logIn(page, "workstream_lead");
    await page.goto("/notifications");
    await page.reload();
    const count = Number(((await page.getByTestId("unread-count").textContent()) ?? "").replace(/\D/g, ""));
    expect(count).toBeGreaterThan(0);

    const reminder = page.getByRole("link", { name: /status report is overdue/ }).first();
    const title = ((await reminder.textContent()) ?? "").trim();
    const period = title.match(/the (\d{4}-\d{2}) status report/)![1]!;
    await reminder.click();
    await page.waitForURL(/\/(workstreams\/[^/]+\/reports\/new|status-reports\/\d+)$/);
    if (page.url().endsWith("/reports/new")) {
      await page.getByLabel("Month", { exact: true }).fill(period);
      for (const label of ["Overall RAG", "Schedule RAG", "Cost RAG", "Scope RAG", "Risk RAG"]) await page.getByLabel(label).selectOption("green");
      await page.getByLabel("Summary").fill("Caught up after the reminder: all waves on plan.");
      await page.getByLabel("Accomplishments this month").fill("Wave 4 cut over.");
      await page.getByRole("button", { name: "Save draft" }).click();
      await page.waitForURL(/\/status-reports\/\d+$/);
    }
    await page.getByRole("button", { name: "Submit report" }).click();
    await expect.poll(() => page.getByTestId("report-state").textContent()).toBe("Submitted");

    // The background thread re-runs the rules within seconds of the change; the page shows what it wrote.
    await expect
      .poll(
        async () => {
          await page.goto("/notifications");
          return page.getByRole("link", { name: title }).count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(0);
    // The count in the header no longer includes it (it was read when opened, and is now resolved).
    await page.reload();
    const after = await page.getByTestId("unread-count").count();
    const remaining = after ? Number(((await page.getByTestId("unread-count").textContent()) ?? "").replace(/\D/g, "")) : 0;
    expect(remaining).toBeLessThan(count);
    expect(lead.cspViolations).toEqual([]);
  });
});

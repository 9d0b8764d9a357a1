import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, logIn, openBrowser } from "./browser";
import { inDays, TODAY } from "#test/support/today";

/** An ISO date n days from today (UTC), as the date inputs expect. */

/** The signed-in user's name, from the header's account link ("Tom Brandt (workstream lead)"). */
async function signedInName(page: Page) {
  const text = (await page.locator('header a[href="/account"]').textContent()) ?? "";
  return text.replace(/\s*\(.*$/, "").trim();
}

/** Opens the first open milestone listed on the current page. */
async function openFirstOpenMilestone(page: Page) {
  const row = page.locator("tbody tr", { hasText: /Not started|In progress/ }).first();
  await row.locator("td a").first().click();
  await page.waitForURL(/\/milestones\/\d+$/);
}

describe("delivery tracking in Chromium", () => {
  let lead: Browser;
  let ciso: Browser;
  let second: Browser;
  beforeAll(async () => {
    [lead, ciso, second] = await Promise.all([openBrowser(), openBrowser(), openBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([lead?.close(), ciso?.close(), second?.close()]);
  });

  it("a workstream lead re-forecasts a milestone and submits a monthly report", async () => {
    const { page } = lead;
    await logIn(page, "workstream_lead");
    const name = await signedInName(page);
    await page.goto("/workstreams");
    const own = page.locator("tbody tr", { hasText: name });
    expect(await own.count()).toBe(2);
    const code = ((await own.first().locator("td").first().textContent()) ?? "").trim();
    await own.first().locator("td a").first().click();
    await page.waitForURL(`/workstreams/${code}`);

    await openFirstOpenMilestone(page);
    const forecast = inDays(75);
    await page.getByLabel("Forecast date").fill(forecast);
    await page.getByLabel("Why the forecast moves").fill("Firewall change window moved by the network team.");
    await page.getByRole("button", { name: "Save milestone" }).click();
    await expect.poll(() => page.getByTestId("forecast").textContent()).toBe(forecast);
    expect(await page.getByRole("status").textContent()).toMatch(/saved\./);

    await page.goto(`/workstreams/${code}`);
    await page.getByRole("link", { name: "Write monthly report" }).click();
    await page.waitForURL(`/workstreams/${code}/reports/new`);
    // The month in progress: the demo leaves it unreported for this lead's first workstream, and a later month is refused.
    await page.getByLabel("Month", { exact: true }).fill(TODAY.slice(0, 7));
    for (const label of ["Overall RAG", "Schedule RAG", "Cost RAG", "Scope RAG"]) await page.getByLabel(label).selectOption("green");
    await page.getByLabel("Risk RAG").selectOption("amber");
    await page.getByLabel("Summary").fill("Segmentation wave on track; one firewall change window moved by a week.");
    await page.getByLabel("Accomplishments this month").fill("Wave 3 cut over.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(/\/status-reports\/\d+$/);
    expect(await page.getByTestId("report-state").textContent()).toBe("Draft");
    await page.getByRole("button", { name: "Submit report" }).click();
    await expect.poll(() => page.getByTestId("report-state").textContent()).toBe("Submitted");
    expect(await page.getByRole("button", { name: "Submit report" }).count()).toBe(0);
    expect(lead.cspViolations).toEqual([]);
  });

  it("the CISO office re-baselines a milestone with a reason and sees the history", async () => {
    const { page } = ciso;
    await logIn(page, "ciso_office");
    await page.goto("/milestones?due=90");
    await openFirstOpenMilestone(page);
    // A date the baseline is certainly not on yet: a month after the one shown.
    const current = (await page.getByTestId("baseline").textContent())!.trim();
    const newBaseline = new Date(Date.parse(`${current}T00:00:00Z`) + 31 * 86_400_000).toISOString().slice(0, 10);
    const reason = "Change freeze over the holiday peak; agreed with the sponsor on the steering call.";
    await page.getByLabel("New baseline date").fill(newBaseline);
    await page.getByLabel("Reason").fill(reason);
    await page.getByRole("button", { name: "Re-baseline" }).click();
    await expect.poll(() => page.getByTestId("baseline").textContent()).toBe(newBaseline);
    const history = page.getByTestId("baseline-history");
    await expect.poll(() => history.textContent()).toContain(reason);
    expect(await history.textContent()).toContain(newBaseline);
    expect(ciso.cspViolations).toEqual([]);
  });

  it("two sessions edit the same milestone and the second is shown the conflict", async () => {
    await logIn(second.page, "ciso_office");
    await ciso.page.goto("/milestones?due=90");
    await openFirstOpenMilestone(ciso.page);
    const url = ciso.page.url();
    await second.page.goto(url);

    await ciso.page.getByLabel("Forecast date").fill(inDays(40));
    await ciso.page.getByLabel("Why the forecast moves").fill("Supplier confirmed a later delivery slot.");
    await ciso.page.getByRole("button", { name: "Save milestone" }).click();
    await expect.poll(() => ciso.page.getByTestId("forecast").textContent()).toBe(inDays(40));

    await second.page.getByLabel("Forecast date").fill(inDays(50));
    await second.page.getByRole("button", { name: "Save milestone" }).click();
    const alert = second.page.getByRole("alert").filter({ hasText: "Someone else changed this milestone" });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain(inDays(40));
    expect(await alert.textContent()).toContain(inDays(50));
    // Nothing was overwritten: the first session's forecast stands.
    await second.page.goto(url);
    expect(await second.page.getByTestId("forecast").textContent()).toBe(inDays(40));
    expect(second.cspViolations).toEqual([]);
  });
  it("the CISO office finds a dependency on the server without losing what it typed, and saves it", async () => {
    const { page } = ciso;
    await page.goto("/milestones?due=90");
    await openFirstOpenMilestone(page);
    const title = "Title typed before searching for a dependency";
    const titleBox = page.locator("#milestone-edit-title");
    await titleBox.fill(title);
    const picker = page.getByTestId("picker-dependsOn");
    await picker.getByLabel("Find by code or title").fill("zz-no-such-milestone");
    await picker.getByRole("button", { name: "Find" }).click();
    await page.waitForURL(/dep_q=zz-no-such-milestone/);
    await expect.poll(() => picker.textContent()).toContain("No match for “zz-no-such-milestone”.");
    // Enter in the search box finds too, rather than saving the form.
    await picker.getByLabel("Find by code or title").fill("m-ws");
    await picker.getByLabel("Find by code or title").press("Enter");
    await page.waitForURL(/dep_q=m-ws/);
    const matches = picker.getByRole("list", { name: "Depends on: matches" }).getByRole("checkbox");
    await expect.poll(() => matches.count()).toBeGreaterThan(0);
    expect(await matches.count()).toBeLessThanOrEqual(25);
    // Still the text typed before the searches, not yet saved.
    expect(await titleBox.inputValue()).toBe(title);
    const label = ((await picker.getByRole("list", { name: "Depends on: matches" }).locator("label").first().textContent()) ?? "").trim();
    const code = label.split(" · ")[0]!;
    await matches.first().check();
    // Enter in a text field saves, as before the form had a Find button.
    await titleBox.press("Enter");
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/saved\./);
    expect(await page.locator("h1").textContent()).toContain(title);
    expect(await page.locator("section", { hasText: "Depends on" }).first().textContent()).toContain(code);
    expect(ciso.cspViolations).toEqual([]);
  });
});

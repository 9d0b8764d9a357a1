import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { pdfText } from "#test/board/pdf-text";
import { type Browser, logIn, openBrowser } from "./browser";

const Q = "FY2026-Q4";

describe("a quarterly board report from draft to the board's PDF, in Chromium", () => {
  let browser: Browser | null = null;
  const as = async (role: string) => {
    await browser?.close();
    browser = await openBrowser();
    await logIn(browser.page, role);
    return browser.page;
  };
  afterEach(async () => {
    expect(browser?.cspViolations ?? []).toEqual([]);
  });

  it("the CISO office drafts and submits the current quarter's report", async () => {
    const page = await as("ciso_office");
    await page.goto("/board");
    await page.getByTestId(`board-report-${Q}`).getByRole("link", { name: Q }).click();
    await page.waitForURL(`**/board/${Q}`);
    await expect.poll(() => page.getByTestId("report-state").textContent()).toMatch(/Draft/);
    await page.getByLabel("Summary").fill("Lab segmentation finished; identity work slipped a month.");
    await page.getByLabel("Decisions asked of the board").fill("- Approve the FY2027 security budget.");
    // Straight to "Submit for review", without saving first: the typed narrative is saved with the submission, not lost.
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => page.getByTestId("report-state").textContent()).toMatch(/In review/);
    await page.goto(`/board/${Q}`);
    expect(await page.getByTestId("narrative-summary").textContent()).toMatch(/Lab segmentation finished/);
  });

  it("an executive approves it", async () => {
    const page = await as("executive");
    await page.goto(`/board/${Q}`);
    await expect.poll(() => page.getByTestId("narrative-summary").textContent()).toMatch(/Lab segmentation finished/);
    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL(`**/board/${Q}`);
    // Approval freezes the whole snapshot before the redirect lands; the URL is the same before and after, so wait for the state.
    await expect.poll(() => page.getByTestId("report-state").textContent(), { timeout: 20_000 }).toMatch(/Approved/);
  });

  it("the CISO office publishes the approved figures before the quarter ends, giving the reason it is asked for, with a verified hash", async () => {
    const page = await as("ciso_office");
    await page.goto(`/board/${Q}`);
    // The quarter is still running: the page warns and asks why.
    expect(await page.getByRole("alert").filter({ hasText: "has not ended yet" }).count()).toBe(1);
    await page.getByLabel("Why publish before the quarter ends").fill("The board meets before the quarter closes.");
    await page.getByRole("button", { name: "Publish early" }).click();
    await expect.poll(() => page.getByTestId("report-state").textContent()).toMatch(/Published/);
    expect(await page.getByTestId("early-publication").textContent()).toMatch(/The board meets before the quarter closes/);
    expect(await page.getByTestId("content-hash").textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId("hash-verify").textContent()).toMatch(/verified/);
  });

  it("a board member opens it, downloads the PDF with its hash, and is refused the dashboard", async () => {
    const page = await as("board");
    expect(new URL(page.url()).pathname).toBe("/board");
    await page.getByTestId(`board-report-${Q}`).getByRole("link", { name: Q }).click();
    await page.waitForURL(`**/board/${Q}`);
    const hash = (await page.getByTestId("content-hash").textContent())?.trim() ?? "";
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId("board-spend-chart").count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF board pack" }).click()]);
    expect(download.suggestedFilename()).toBe(`board-report-${Q}.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfText(pdf)).toContain(`SHA-256 ${hash}`);

    // On a phone the report reads without sideways scrolling; its wide tables scroll inside their own boxes.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/board/FY2026-Q3`);
    expect(await page.getByTestId("board-heat-map").count()).toBe(1);
    expect(await page.getByTestId("top-risks").locator("tbody tr").count()).toBe(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const header = await page.locator("article > header").boundingBox();
    expect(header!.height).toBeLessThan(260);

    const res = await page.goto("/dashboard");
    expect(res?.status()).toBe(403);
  });
});

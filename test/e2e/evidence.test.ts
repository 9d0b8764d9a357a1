import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, logIn, openBrowser } from "./browser";

/** A one-page PDF, as the identity provider's enrolment report would be. */
const REPORT = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n% FIDO2 and passkey enrolment: 100% of workforce accounts\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

describe("evidence for a consent-decree measure in Chromium", () => {
  let ciso: Browser;
  beforeAll(async () => {
    ciso = await openBrowser();
  });
  afterAll(async () => {
    await ciso?.close();
  });

  it("the CISO office completes phishing-resistant MFA, uploads the proof and sees the measure met with evidence", async () => {
    const { page } = ciso;
    await logIn(page, "ciso_office");
    const metOnDashboard = async () => {
      await page.goto("/dashboard");
      const text = (await page.getByTestId("measures-met-with-evidence").textContent()) ?? "";
      return Number(/met with evidence: (\d+)/.exec(text)?.[1]);
    };
    const before = await metOnDashboard();

    // OB-08 is the FCC decree's "phishing-resistant multi-factor authentication"; its last rollout milestone is still open.
    await page.goto("/obligations/OB-08");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/Phishing-resistant multi-factor authentication/);
    expect(await page.getByTestId("measure-evidence-state").textContent()).toMatch(/Not yet in place/);

    await page.goto("/workstreams/WS-04");
    await page.locator("tr", { hasText: "M-WS04-09" }).locator("a").first().click();
    await page.waitForURL(/\/milestones\/\d+$/);
    await page.getByRole("button", { name: "Mark done" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/./);

    await page.goto("/obligations/OB-08");
    expect(await page.getByTestId("measure-evidence-state").textContent()).toMatch(/In place, evidence missing/);

    await page.getByText("Add evidence").click();
    await page.getByLabel("Title").fill("FIDO2 and passkey enrolment report");
    await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "fido2-enrolment.pdf", mimeType: "application/pdf", buffer: REPORT });
    await page.getByRole("button", { name: "Upload evidence" }).click();
    await page.waitForURL(/\/obligations\/OB-08$/);
    await expect.poll(() => page.getByTestId("measure-evidence-state").textContent()).toMatch(/Met with evidence/);
    const sha256 = createHash("sha256").update(REPORT).digest("hex");
    expect(await page.locator(`code[title="${sha256}"]`).count()).toBe(1);

    // The dashboard's obligations panel counts it.
    expect(await metOnDashboard()).toBe(before + 1);

    // Downloading gives back the very bytes, as an attachment.
    await page.goto("/obligations/OB-08");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "fido2-enrolment.pdf" }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(createHash("sha256").update(Buffer.concat(chunks)).digest("hex")).toBe(sha256);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

// Flags from stack.md: without the networking ones Chromium keeps calling hosts this machine cannot reach.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type Browser = { context: BrowserContext; page: Page; cspViolations: string[]; close: () => Promise<void> };

/** A fresh Chromium profile; every CSP violation the page reports is collected. */
export async function openBrowser(): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    baseURL: inject("baseUrl"),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cspViolations: string[] = [];
  const watch = (p: Page) =>
    p.on("console", (msg) => {
      if (/Content[- ]Security[- ]Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
  watch(page);
  context.on("page", watch);
  return {
    context,
    page,
    cspViolations,
    close: async () => {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function credentialFor(role: string) {
  const found = inject("credentials").find((c) => c.role === role);
  if (!found) throw new Error(`No demo credential for ${role}`);
  return found;
}

/** Signs in through the real log-in page. */
export async function logIn(page: Page, role: string) {
  const { email, password } = credentialFor(role);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // With JavaScript the URL changes before the next page has rendered: wait for the signed-in shell.
  await page.locator("header a[href='/account']").waitFor();
}

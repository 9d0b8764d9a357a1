import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestProvider, type TestProvider } from "#test/support/oidc-provider";
import { type Browser, openBrowser } from "./browser";
import { freePort, type RunningServer, startServer } from "./server";

/**
 * Single sign-on in Chromium against a real OpenID provider started here:
 * an administrator maps a directory group to a role in the settings, then a
 * new colleague signs in with the company account, is provisioned with that
 * role, and a forged callback is refused with a clear page.
 */
describe("single sign-on in Chromium", () => {
  let provider: TestProvider;
  let server: RunningServer;
  let admin: Browser;
  let colleague: Browser;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({ redirectUris: [`${origin}/auth/oidc/callback`], postLogoutRedirectUris: [`${origin}/login`] });
    server = await startServer({
      PORT: String(port),
      APP_ORIGIN: origin,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_NAME: "Contoso Entra ID",
    });
    admin = await openBrowser();
    colleague = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
    await colleague?.close();
    await server?.stop();
    await provider?.stop();
  });

  it("maps a group to a role, provisions a colleague at first sign-in with it, and refuses a forged callback", { timeout: 120_000 }, async () => {
    const creds = server.credentials.find((c) => c.role === "admin")!;
    const { page } = admin;
    await page.goto(`${origin}/login`);
    await expect(page.getByRole("link", { name: "Sign in with Contoso Entra ID" }).isVisible()).resolves.toBe(true);
    await page.getByLabel("Email").fill(creds.email);
    await page.getByLabel("Password", { exact: true }).fill(creds.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto(`${origin}/admin/settings#sso`);
    await page.getByLabel(/Groups and roles/).fill("rampart-executives = Executive\nrampart-ciso = CISO office");
    await page.getByRole("button", { name: "Save group mapping" }).click();
    await page.getByText("Group mapping saved").waitFor();

    provider.accounts.set("sub-new-exec", { email: "nadia.park@corp.example", name: "Nadia Park", groups: ["all-staff", "rampart-executives"] });
    provider.signInAs({ accountId: "sub-new-exec", amr: ["pwd", "mfa"] });
    const c = colleague.page;
    await c.goto(`${origin}/login`);
    await c.getByRole("link", { name: "Sign in with Contoso Entra ID" }).click();
    // An executive's home is the inbox.
    await c.waitForURL(`${origin}/inbox`);
    await expect(c.getByText("Nadia Park").first().isVisible()).resolves.toBe(true);

    // The administrator sees the provisioned account with the mapped role.
    await page.goto(`${origin}/admin/users`);
    const row = page.getByRole("row", { name: /Nadia Park/ });
    await expect(row.getByText("Executive").isVisible()).resolves.toBe(true);

    // A callback with a made-up state, in a browser that never started a sign-in, is refused in words.
    const forged = await openBrowser();
    try {
      await forged.page.goto(`${origin}/auth/oidc/callback?code=stolen-code&state=made-up-state-0000000000000000000000000000`);
      await expect(forged.page.getByRole("heading", { name: "You were not signed in" }).isVisible()).resolves.toBe(true);
      await expect(forged.page.getByText(/did not start in this browser/).isVisible()).resolves.toBe(true);
    } finally {
      await forged.close();
    }
  });
});

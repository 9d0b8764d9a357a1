/**
 * Penetration test, finding 10: with an HTTPS APP_ORIGIN the session cookie
 * is Secure even when the request reaching Rampart is plain HTTP (a TLS proxy
 * in front). The variable is set before any module reads the environment.
 */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.APP_ORIGIN = "https://rampart.example.com";
  delete process.env.SECURE_COOKIES;
});

const { db } = await import("~/db.server");
const { createUser } = await import("~/users/create-user.server");
const loginPage = await import("~/routes/login");
const { args, postRequest, settle } = await import("#test/support/requests");

describe("cookies behind an HTTPS origin", () => {
  it("are Secure although the request arrived over HTTP", async () => {
    const password = "quiet harbour lamp 1987";
    const user = await createUser(db, { email: "secure@example.com", name: "Secure", role: "executive", password }, { actorId: null });
    const res = (await settle(() => loginPage.action(args(postRequest("/login", { email: user.email, password })) as never))) as Response;
    expect(res.status).toBe(302);
    expect(new URL(postRequest("/login", {}).url).protocol).toBe("http:");
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
  });
});

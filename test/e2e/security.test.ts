import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { credentialFor } from "./browser";

const base = () => inject("baseUrl");

async function logInCookie(role: string): Promise<string> {
  const { email, password } = credentialFor(role);
  const res = await fetch(`${base()}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base() },
    body: new URLSearchParams({ email, password }),
  });
  expect(res.status).toBe(302);
  const cookie = res.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  return cookie.split(";")[0]!;
}

describe("the front door over real HTTP", () => {
  it("sends an enforced CSP with a per-request nonce and the security headers", async () => {
    const [a, b] = await Promise.all([fetch(`${base()}/login`), fetch(`${base()}/login`)]);
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;?\s*$/m);
    expect(csp.split(";").find((d) => d.includes("script-src"))).not.toMatch(/unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toBe(b.headers.get("content-security-policy"));
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    expect(a.headers.get("x-powered-by")).toBeNull();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("refuses a cross-origin POST with 403 and changes nothing", async () => {
    const { email } = credentialFor("executive");
    for (const headers of [{ origin: "https://evil.example" }, { referer: "https://evil.example/form" }, {}] as Array<Record<string, string>>) {
      const res = await fetch(`${base()}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ email, password: "not-the-password-at-all" }),
      });
      expect(res.status).toBe(403);
    }
  });

  it("accepts a same-origin POST (with Referer only, as some browsers send)", async () => {
    const res = await fetch(`${base()}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", referer: `${base()}/login` },
      body: new URLSearchParams({ email: "nobody@rampart-demo.example", password: "wrong password here" }),
    });
    expect(res.status).toBe(400);
  });

  it("signs out with a POST and the cookie stops working", async () => {
    const cookie = await logInCookie("executive");
    expect((await fetch(`${base()}/dashboard`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    const out = await fetch(`${base()}/logout`, { method: "POST", redirect: "manual", headers: { cookie, origin: base() } });
    expect(out.status).toBe(302);
    const after = await fetch(`${base()}/dashboard`, { headers: { cookie }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it("gives the board no dashboard", async () => {
    const cookie = await logInCookie("board");
    const res = await fetch(`${base()}/dashboard`, { headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(403);
  });

  it("answers /healthz with the database status", async () => {
    const res = await fetch(`${base()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: { status: "ok", journalMode: "wal" } });
  });
});

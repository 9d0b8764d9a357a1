import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, throttles, users } from "#db/schema";
import { db } from "~/db.server";
import { action as loginAction } from "~/routes/login";
import { createUser } from "~/users/create-user.server";
import { args, postRequest, settle } from "#test/support/requests";

const PASSWORD = "quiet harbour lamp 1987";
let email: string;

async function login(fields: Record<string, string>, request = postRequest("/login", fields)) {
  return (await settle(() => loginAction(args(request) as never))) as Response;
}

beforeAll(async () => {
  const user = await createUser(db, { email: "dana@example.com", name: "Dana", role: "executive", password: PASSWORD }, { actorId: null });
  email = user.email;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("log-in", () => {
  it("signs in with a session cookie that is HttpOnly and SameSite=Lax, and audits it", async () => {
    const res = await login({ email: "Dana@Example.com ", password: PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/inbox");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^rampart_session=[a-z2-7]{32};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login")).all()).toHaveLength(1);
  });

  it("marks the cookie Secure over HTTPS", async () => {
    const req = new Request("https://rampart.example/login", {
      method: "POST",
      body: new URLSearchParams({ email, password: PASSWORD }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const res = await login({}, req);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("answers an unknown email and a wrong password with the same status and message", async () => {
    const unknown = await login({ email: "nobody@example.com", password: PASSWORD });
    const wrong = await login({ email, password: "not the password at all" });
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    const a = JSON.stringify(await unknown.json());
    const b = JSON.stringify(await wrong.json());
    expect(a).toBe(b.replace(email, "nobody@example.com"));
    expect(a).not.toContain("not the password");
  });

  it("refuses malformed input with field errors", async () => {
    const res = await login({ email: "not-an-email", password: "" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(JSON.stringify(body)).toMatch(/valid email/);
  });

  it("never writes the password to the console or the audit trail", async () => {
    const logs: string[] = [];
    for (const m of ["log", "info", "warn", "error"] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logs.push(a.join(" ")));
    await login({ email, password: "a secret attempt 123" });
    await login({ email, password: PASSWORD });
    expect(logs.join("\n")).not.toMatch(/secret attempt|quiet harbour/);
    expect(JSON.stringify(db.select().from(auditEvents).all())).not.toMatch(/secret attempt|quiet harbour/);
  });
});

describe("brute-force protection", () => {
  // More cases (many addresses, spraying, links, clearing): test/security/accounts-throttle.test.ts.
  it("slows one address after five failures for an account: 429 with Retry-After even for the right password, kept in the database", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const target = await createUser(db, { email: "target@example.com", name: "Target", role: "board", password: PASSWORD }, { actorId: null });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await login({ email: target.email, password: `wrong guess number ${i}` })).status);
      expect(statuses).toEqual(Array(6).fill(400));
      const next = await login({ email: target.email, password: PASSWORD });
      expect(next.status).toBe(429);
      expect(Number(next.headers.get("retry-after"))).toBeGreaterThan(0);
      const row = db
        .select()
        .from(throttles)
        .where(eq(throttles.key, `login:pair:${target.email}:127.0.0.1`))
        .get();
      expect(row?.blockedUntil).toBeTruthy();
      expect(db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login_failed")).all().length).toBeGreaterThanOrEqual(6);
      // Other accounts from the same address are unaffected.
      expect((await login({ email, password: PASSWORD })).status).toBe(302);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses an inactive account with the generic message", async () => {
    const u = await createUser(db, { email: "gone@example.com", name: "Gone", role: "executive", password: PASSWORD }, { actorId: null });
    db.update(users).set({ active: false }).where(eq(users.id, u.id)).run();
    const res = await login({ email: u.email, password: PASSWORD });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/do not match an active account/);
  });
});

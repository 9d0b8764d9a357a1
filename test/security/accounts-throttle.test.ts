/**
 * Penetration test, finding 5: failed sign-ins slow the attacker without
 * locking the owner out (docs/decisions/009-throttling-without-lockout.md).
 * Time is frozen (only Date) so that delays are read, never waited for.
 */
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, sessions, throttles } from "#db/schema";
import { db } from "~/db.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import * as invitePage from "~/routes/invite";
import * as loginPage from "~/routes/login";
import * as resetPage from "~/routes/reset-password";
import * as setupPage from "~/routes/setup";
import * as userPage from "~/routes/admin.users.$userId";
import * as usersPage from "~/routes/admin.users._index";
import { createUser } from "~/users/create-user.server";
import { outcome } from "#test/admin/outcome";
import { signedIn } from "#test/support/factories";
import { getRequest, postRequest, testContext } from "#test/support/requests";

const PASSWORD = "quiet harbour lamp 1987";
const NEW_PASSWORD = "copper kettle morning 42";
const START = new Date("2026-12-02T09:00:00.000Z");

const at = (ip: string, request: Request, params: Record<string, string> = {}) => ({ request, params, context: { ...testContext, clientIp: ip } });
const signIn = (email: string, password: string, ip: string) => outcome(() => loginPage.action(at(ip, postRequest("/login", { email, password })) as never));
const retryAfter = (res: { headers: Headers }) => Number(res.headers.get("retry-after"));
const advance = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));
const rowsAbout = (email: string) => db.select().from(throttles).where(eq(throttles.subject, email)).all();
const failedSignIns = (userId: number) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "auth.login_failed"), eq(auditEvents.entityId, String(userId))))
    .all().length;

let n = 0;
async function owner() {
  n += 1;
  return createUser(db, { email: `owner${n}@example.com`, name: `Owner ${n}`, role: "executive", password: PASSWORD }, { actorId: null });
}
const admin = () => signedIn("admin", { passwordHash: "$argon2id$test-placeholder" });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
  db.delete(throttles).run();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("one address guessing one account", () => {
  it("gets five free failures, then 429s with a Retry-After that grows; the owner elsewhere signs in meanwhile", async () => {
    const user = await owner();
    const attacker = "203.0.113.5";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(user.email, `wrong guess ${i}`, attacker)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);

    const first = await signIn(user.email, "wrong guess 6", attacker);
    expect(first.status).toBe(429);
    expect(retryAfter(first)).toBeGreaterThan(0);
    expect(JSON.stringify(first.body)).toMatch(/try again in/);
    // The refusal comes before the password is checked: even the right one is refused here, so a 429 tells nothing.
    expect((await signIn(user.email, PASSWORD, attacker)).status).toBe(429);

    advance(retryAfter(first));
    expect((await signIn(user.email, "wrong guess 7", attacker)).status).toBe(400);
    const second = await signIn(user.email, "wrong guess 8", attacker);
    expect(second.status).toBe(429);
    expect(retryAfter(second)).toBeGreaterThan(retryAfter(first));

    const home = await signIn(user.email, PASSWORD, "192.0.2.20");
    expect(home.status).toBe(302);
    expect(home.headers.get("set-cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  });

  it("forgets the count after an hour without failures, so nothing is blocked forever", async () => {
    const user = await owner();
    for (let i = 0; i < 6; i++) await signIn(user.email, `wrong guess ${i}`, "203.0.113.6");
    expect((await signIn(user.email, PASSWORD, "203.0.113.6")).status).toBe(429);
    advance(61 * 60);
    expect((await signIn(user.email, PASSWORD, "203.0.113.6")).status).toBe(302);
  });
});

describe("an account attacked from 100 addresses", () => {
  it("is locked against the attackers, who stay slowed, and its owner still gets in through a known address and the reset link", async () => {
    const user = await owner();
    // The owner signed in from home last week.
    vi.setSystemTime(new Date(START.getTime() - 7 * 24 * 3600 * 1000));
    expect((await signIn(user.email, PASSWORD, "192.0.2.10")).status).toBe(302);
    vi.setSystemTime(START);
    const oldSession = db.select().from(sessions).where(eq(sessions.userId, user.id)).get()!;

    const answers = [];
    for (let i = 0; i < 100; i++) answers.push(await signIn(user.email, `guess number ${i}`, `198.51.100.${i}`));
    expect(answers.every((a) => a.status === 400 || a.status === 429)).toBe(true);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(50);
    for (const r of refused) expect(retryAfter(r)).toBeGreaterThan(0);
    // Most guesses never reached a password check.
    expect(failedSignIns(user.id)).toBeLessThan(50);

    // Further attempts from yet another address are refused, even with the right password.
    const later = await signIn(user.email, PASSWORD, "198.51.100.200");
    expect(later.status).toBe(429);
    expect(JSON.stringify(later.body)).toMatch(/administrator for a password-reset link/);

    // Path 1: the owner at a place they signed in from before.
    expect((await signIn(user.email, PASSWORD, "192.0.2.10")).status).toBe(302);

    // An administrator sees the lock.
    const boss = admin();
    const page = await outcome(() =>
      userPage.loader(at("127.0.0.1", getRequest(`/admin/users/${user.id}`, boss.cookie), { userId: String(user.id) }) as never),
    );
    const lock = page.body.throttles.find((t: { scope: string }) => t.scope === "login-account");
    expect(lock.lockedUntil > new Date().toISOString()).toBe(true);
    const list = await outcome(() => usersPage.loader(at("127.0.0.1", getRequest("/admin/users", boss.cookie)) as never));
    expect(list.body.throttles.map((t: { key: string }) => t.key)).toContain(lock.key);

    // Path 2 (documented): a one-time reset link from an administrator, used from a new address.
    const issued = await outcome(() =>
      userPage.action(
        at("127.0.0.1", postRequest(`/admin/users/${user.id}`, { intent: "reset-password", version: String(page.body.user.version) }, boss.cookie), {
          userId: String(user.id),
        }) as never,
      ),
    );
    expect(issued.status).toBe(200);
    const token = new URL(issued.body.passwordReset.link).searchParams.get("token")!;
    const phone = "192.0.2.99";
    expect((await outcome(() => resetPage.loader(at(phone, getRequest(`/reset-password?token=${token}`)) as never))).status).toBe(200);
    const reset = await outcome(() =>
      resetPage.action(at(phone, postRequest("/reset-password", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })) as never),
    );
    expect(reset.status).toBe(302);
    expect(reset.location).toBe("/inbox");
    expect(reset.headers.get("set-cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(rowsAbout(user.email)).toEqual([]);
    expect(db.select().from(sessions).where(eq(sessions.id, oldSession.id)).get()).toBeUndefined();

    // With the lock lifted the owner signs in anywhere with the new password; the attackers' old guesses stay wrong.
    expect((await signIn(user.email, NEW_PASSWORD, "192.0.2.98")).status).toBe(302);
    expect((await signIn(user.email, PASSWORD, "198.51.100.201")).status).toBe(400);
  });

  it("after the lock runs out, lets the botnet one more guess and locks again", async () => {
    const user = await owner();
    for (let i = 0; i < 30; i++) await signIn(user.email, `guess ${i}`, `198.51.103.${i}`);
    const locked = await signIn(user.email, "guess 30", "198.51.103.30");
    expect(locked.status).toBe(429);
    advance(retryAfter(locked));
    expect((await signIn(user.email, "guess 31", "198.51.103.31")).status).toBe(400);
    const relocked = await signIn(user.email, "guess 32", "198.51.103.32");
    expect(relocked.status).toBe(429);
    expect(retryAfter(relocked)).toBeGreaterThan(60);
  });

  it("keeps the lock in the database file, so a restart does not lift it", async () => {
    const user = await owner();
    for (let i = 0; i < 30; i++) await signIn(user.email, `guess ${i}`, `198.51.101.${i}`);
    const file = new Database(process.env.DATABASE_PATH!, { readonly: true });
    try {
      const row = file.prepare("select locked_until from throttles where key = ?").get(`login:account:${user.email}`) as { locked_until: string | null };
      expect(row.locked_until! > new Date().toISOString()).toBe(true);
    } finally {
      file.close();
    }
  });
});

describe("one address spraying many accounts", () => {
  it("is slowed after its budget, but someone who signed in from it before still gets in", async () => {
    const office = "192.0.2.30";
    const regular = await owner();
    const newcomer = await owner();
    expect((await signIn(regular.email, PASSWORD, office)).status).toBe(302);
    const statuses = [];
    for (let i = 0; i < 32; i++) statuses.push((await signIn(`nobody${i}@example.com`, "spray password 1", office)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(400));
    expect(statuses.at(-1)).toBe(429);
    expect((await signIn(regular.email, PASSWORD, office)).status).toBe(302);
    const blocked = await signIn(newcomer.email, PASSWORD, office);
    expect(blocked.status).toBe(429);
    expect(retryAfter(blocked)).toBeGreaterThan(0);
    // Elsewhere the newcomer is untouched.
    expect((await signIn(newcomer.email, PASSWORD, "192.0.2.31")).status).toBe(302);
  });

  it("can be cleared by an administrator, and the clearing is audited", async () => {
    const office = "192.0.2.40";
    for (let i = 0; i < 32; i++) await signIn(`nobody${i}@example.com`, "spray password 2", office);
    const boss = admin();
    const key = `login:address:${office}`;
    const cleared = await outcome(() =>
      usersPage.action(at("127.0.0.1", postRequest("/admin/users", { intent: "clear-throttle", key }, boss.cookie)) as never),
    );
    expect(cleared.status).toBe(302);
    expect(db.select().from(throttles).where(eq(throttles.key, key)).get()).toBeUndefined();
    const event = db.select().from(auditEvents).where(eq(auditEvents.action, "auth.throttle_cleared")).all().at(-1)!;
    expect(event).toMatchObject({ actorId: boss.user.id, entity: "throttle", entityId: key });
    const again = await outcome(() => usersPage.action(at("127.0.0.1", postRequest("/admin/users", { intent: "clear-throttle", key }, boss.cookie)) as never));
    expect(again.status).toBe(302);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "auth.throttle_cleared")).all().at(-1)!.id).toBe(event.id);
  });
});

describe("an administrator clearing a user's counters", () => {
  it("lifts the user's lock and delays, audited with what was lifted", async () => {
    const user = await owner();
    for (let i = 0; i < 25; i++) await signIn(user.email, `guess ${i}`, `198.51.102.${i}`);
    expect((await signIn(user.email, PASSWORD, "192.0.2.50")).status).toBe(429);
    const counted = rowsAbout(user.email).length;
    expect(counted).toBeGreaterThan(5);
    const boss = admin();
    const res = await outcome(() =>
      userPage.action(
        at("127.0.0.1", postRequest(`/admin/users/${user.id}`, { intent: "clear-throttles", version: "1" }, boss.cookie), { userId: String(user.id) }) as never,
      ),
    );
    expect(res.status).toBe(302);
    expect(rowsAbout(user.email)).toEqual([]);
    const event = db.select().from(auditEvents).where(eq(auditEvents.action, "auth.throttles_cleared")).all().at(-1)!;
    expect(event).toMatchObject({ actorId: boss.user.id, entityId: String(user.id) });
    expect(JSON.parse(event.before!).total).toBe(counted);
    expect((await signIn(user.email, PASSWORD, "192.0.2.50")).status).toBe(302);
  });
});

describe("links", () => {
  const openInvite = (query: string, ip = "203.0.113.70") => outcome(() => invitePage.loader(at(ip, getRequest(`/invite${query}`)) as never));

  it("answers a tokenless /invite with 400 every time, at no cost", async () => {
    for (let i = 0; i < 20; i++) expect((await openInvite("")).status).toBe(400);
    expect(db.select().from(throttles).all()).toEqual([]);
  });

  it("charges a little for bad invitation tokens: 429 with Retry-After after ten, lifted after a quiet hour", async () => {
    for (let i = 0; i < 10; i++) expect((await openInvite(`?token=${"a".repeat(32)}`)).status).toBe(404);
    const slowed = await openInvite(`?token=${"b".repeat(32)}`);
    expect(slowed.status).toBe(429);
    expect(retryAfter(slowed)).toBeGreaterThan(0);
    expect((await openInvite(`?token=${"b".repeat(32)}`, "203.0.113.71")).status).toBe(404);
    advance(2 * 3600);
    expect((await openInvite(`?token=${"c".repeat(32)}`)).status).toBe(404);
  });

  it("does the same for bad password-reset and set-up tokens", async () => {
    const ip = "203.0.113.72";
    for (let i = 0; i < 10; i++) await outcome(() => resetPage.loader(at(ip, getRequest(`/reset-password?token=${"d".repeat(32)}`)) as never));
    const reset = await outcome(() => resetPage.loader(at(ip, getRequest(`/reset-password?token=${"e".repeat(32)}`)) as never));
    expect(reset.status).toBe(429);
    expect(retryAfter(reset)).toBeGreaterThan(0);

    const fields = { token: "f".repeat(32), name: "Mallory", email: "mallory@example.com", password: "granite meadow signal 77" };
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await outcome(() => setupPage.action(at(ip, postRequest("/setup", fields)) as never)));
    expect(answers.slice(0, 6).map((a) => a.status)).toEqual(Array(6).fill(404));
    expect(answers[6]!.status).toBe(429);
    expect(retryAfter(answers[6]!)).toBeGreaterThan(0);
  });
});

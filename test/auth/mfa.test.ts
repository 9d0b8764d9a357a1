import { generateTOTP } from "@epic-web/totp";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, program, recoveryCodes, sessions, users } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { openSecret } from "~/auth/secret-box.server";
import { getKeyring } from "~/auth/secret-keys.server";
import { mfaSecretBinding } from "~/auth/secrets-at-rest.server";
import { matchTotpStep, TOTP } from "~/auth/totp.server";
import { db } from "~/db.server";
import { rootLoader } from "~/root-loader.server";
import * as accountPage from "~/routes/account._index";
import * as mfaPage from "~/routes/account.mfa";
import * as dashboardPage from "~/routes/dashboard";
import * as loginPage from "~/routes/login";
import * as loginMfaPage from "~/routes/login_.mfa";
import { makeUser, signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

// This file runs with MFA enforced for privileged roles, as production does.
vi.hoisted(() => {
  process.env.REQUIRE_MFA = "1";
});

const PASSWORD = "correct horse battery staple";
const STEP_MS = TOTP.period * 1000;

type Outcome = { status: number; location: string | null; body: any; setCookies: string[] };

/** A loader's or action's answer, whether a Response, a data() value or plain data. */
async function outcome(run: () => unknown): Promise<Outcome> {
  const res = await settle(async () => run());
  if (res instanceof Response) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, location: res.headers.get("Location"), body, setCookies: res.headers.getSetCookie() };
  }
  if (res && typeof res === "object" && (res as { type?: string }).type === "DataWithResponseInit") {
    const d = res as unknown as { data: unknown; init: { status?: number } | null };
    return { status: d.init?.status ?? 200, location: null, body: d.data, setCookies: [] };
  }
  return { status: 200, location: null, body: res, setCookies: [] };
}

function sessionCookieFrom(o: Outcome): string {
  const raw = o.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!raw) throw new Error("no session cookie set");
  return raw.split(";")[0]!;
}

// Stored sealed: open it the way the app does.
const secretOf = (userId: number) =>
  openSecret(getKeyring(), db.select({ s: users.mfaSecret }).from(users).where(eq(users.id, userId)).get()!.s!, mfaSecretBinding(userId));
const totpNow = async (secret: string) => (await generateTOTP({ secret, ...TOTP })).otp;
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** Walks the enrolment page: start, then confirm with a code computed from the secret in the database. */
async function enrol(cookie: string, userId: number) {
  const started = await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "start" }, cookie))));
  expect(started).toMatchObject({ status: 302, location: "/account/mfa" });
  const secret = secretOf(userId);
  const empty = await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "confirm", code: "" }, cookie))));
  expect(empty.status).toBe(400);
  const ok = await outcome(async () => mfaPage.action(args(postRequest("/account/mfa", { intent: "confirm", code: await totpNow(secret) }, cookie))));
  expect(ok.status).toBe(200);
  return { secret, recoveryCodes: ok.body.recoveryCodes as string[] };
}

async function userWithPassword(role: "executive" | "ciso_office" = "executive") {
  return makeUser({ role, passwordHash: await hashPassword(PASSWORD) });
}

/** The password step of log-in; returns the pending session's cookie and where it was sent. */
async function passwordStep(email: string) {
  const o = await outcome(() => loginPage.action(args(postRequest("/login", { email, password: PASSWORD, redirectTo: "/dashboard" }))));
  expect(o.status).toBe(302);
  return { cookie: sessionCookieFrom(o), location: o.location };
}

/** A user of the role who has enrolled through the page; a fresh signed-in session of theirs is returned with the secret and codes. */
async function enrolledUser(role: "executive" | "ciso_office" = "executive") {
  const user = await userWithPassword(role);
  const { token } = createSession(user.id, { mfaVerified: true });
  const cookie = `${SESSION_COOKIE}=${token}`;
  const { secret, recoveryCodes: codes } = await enrol(cookie, user.id);
  return { user, cookie, secret, codes };
}

/** Moves the (frozen) clock one TOTP step on, so the next code is not a replay of the last one. */
function nextStep() {
  vi.setSystemTime(Date.now() + STEP_MS);
}

beforeAll(() => {
  db.insert(program).values({ name: "MFA programme", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
});

// A frozen clock, so a test never straddles a 30-second step by chance; only Date is faked, timers still run.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("TOTP codes", () => {
  it("accept one step of clock drift either way and no more", async () => {
    const secret = (await generateTOTP()).secret;
    const now = Date.now();
    const codeAt = async (ms: number) => {
      vi.setSystemTime(ms);
      const { otp } = await generateTOTP({ secret, ...TOTP });
      vi.setSystemTime(now);
      return otp;
    };
    const step = Math.floor(now / STEP_MS);
    expect(await matchTotpStep(secret, await codeAt(now))).toBe(step);
    expect(await matchTotpStep(secret, await codeAt(now - STEP_MS))).toBe(step - 1);
    expect(await matchTotpStep(secret, await codeAt(now + STEP_MS))).toBe(step + 1);
    expect(await matchTotpStep(secret, await codeAt(now - 3 * STEP_MS))).toBeNull();
    expect(await matchTotpStep(secret, "12345")).toBeNull();
  });
});

describe("enrolment at /account/mfa", () => {
  it("keeps the pending secret on the server, refuses a wrong code and turns MFA on with a right one", async () => {
    const { user, cookie } = signedIn("executive");
    const other = signedIn("executive"); // a second user, to check nothing leaks across
    expect(other.user.id).not.toBe(user.id);

    const before = await outcome(() => mfaPage.loader(args(getRequest("/account/mfa", cookie))));
    expect(before.body).toMatchObject({ state: "off" });

    await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "start" }, cookie))));
    const secret = secretOf(user.id);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const pending = await outcome(() => mfaPage.loader(args(getRequest("/account/mfa", cookie))));
    expect(pending.body.state).toBe("pending");
    expect(pending.body.secret.replace(/ /g, "")).toBe(secret);
    expect(pending.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(pending.body.qrCode.split(",")[1], "base64").toString()).toMatch(/^<svg/);

    const malformed = await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "confirm", code: "12ab56" }, cookie))));
    expect(malformed.status).toBe(400);
    const right = await totpNow(secret);
    const refused = await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "confirm", code: wrongCode(right) }, cookie))));
    expect(refused.status).toBe(400);
    expect(refused.body.result.error.code[0]).toMatch(/does not match/);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.mfaEnabledAt).toBeNull();

    const ok = await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "confirm", code: right }, cookie))));
    expect(ok.status).toBe(200);
    const codes: string[] = ok.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    expect(new Set(codes).size).toBe(10);

    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row.mfaEnabledAt).not.toBeNull();
    const stored = db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all();
    expect(stored).toHaveLength(10);
    for (const s of stored) {
      expect(s.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(codes.some((c) => s.codeHash.includes(c.replace("-", "")))).toBe(false);
    }

    const after = await outcome(() => mfaPage.loader(args(getRequest("/account/mfa", cookie))));
    expect(after.body).toMatchObject({ state: "enabled", recoveryCodesLeft: 10 });
    expect(JSON.stringify(after.body)).not.toContain(secret);
  });

  it("ends the user's other sessions when MFA is turned on (they never passed a second factor)", async () => {
    const { user, cookie } = signedIn("executive");
    const elsewhere = signedIn("executive", {});
    const { createSession } = await import("~/auth/session.server");
    const second = createSession(user.id, { mfaVerified: true });
    await enrol(cookie, user.id);
    const left = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(left).toHaveLength(1);
    expect(left[0]!.id).not.toBe(second.session.id);
    // Another user's sessions are untouched.
    expect(db.select().from(sessions).where(eq(sessions.id, elsewhere.session.id)).get()).toBeDefined();
  });

  it("forces a privileged user without MFA to enrol before anything else", async () => {
    const { cookie } = signedIn("ciso_office");
    const dash = await outcome(() => dashboardPage.loader(args(getRequest("/dashboard", cookie))));
    expect(dash).toMatchObject({ status: 302, location: "/account/mfa" });
    const account = await outcome(() => accountPage.loader(args(getRequest("/account", cookie))));
    expect(account).toMatchObject({ status: 302, location: "/account/mfa" });
    const page = await outcome(() => mfaPage.loader(args(getRequest("/account/mfa", cookie))));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ state: "off", required: true });
  });

  it("refuses to turn MFA off for a role that requires it", async () => {
    const { user, cookie } = await enrolledUser("ciso_office");
    nextStep();
    const res = await outcome(async () =>
      mfaPage.action(args(postRequest("/account/mfa", { intent: "disable", code: await totpNow(secretOf(user.id)) }, cookie))),
    );
    expect(res.status).toBe(403);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.mfaEnabledAt).not.toBeNull();
  });

  it("turns MFA off with a current code or the password, never with a wrong one", async () => {
    const { user, cookie, secret } = await enrolledUser("executive");
    const wrong = await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "disable", password: "not the password at all" }, cookie))));
    expect(wrong.status).toBe(400);
    expect(wrong.body.result.error[""]).toBeDefined();
    const empty = await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "disable" }, cookie))));
    expect(empty.status).toBe(400);
    // The code used to enrol was spent: it cannot turn MFA off a moment later.
    const replay = await outcome(async () => mfaPage.action(args(postRequest("/account/mfa", { intent: "disable", code: await totpNow(secret) }, cookie))));
    expect(replay.status).toBe(400);

    const off = await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "disable", password: PASSWORD }, cookie))));
    expect(off).toMatchObject({ status: 302, location: "/account" });
    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row.mfaEnabledAt).toBeNull();
    expect(row.mfaSecret).toBeNull();
    expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all()).toHaveLength(0);
    expect(
      db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "user.mfa_disable"))
        .all()
        .some((e) => e.entityId === String(user.id)),
    ).toBe(true);
  });

  it("replaces the recovery codes after a fresh code, and the old ones stop working", async () => {
    const { user, cookie, secret, codes } = await enrolledUser("executive");
    nextStep();
    const res = await outcome(async () => mfaPage.action(args(postRequest("/account/mfa", { intent: "regenerate", code: await totpNow(secret) }, cookie))));
    expect(res.status).toBe(200);
    const fresh: string[] = res.body.recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);

    const { cookie: pending } = await passwordStep(user.email);
    const old = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code: codes[0]! }, pending))));
    expect(old.status).toBe(400);
    const ok = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code: fresh[0]! }, pending))));
    expect(ok.status).toBe(302);
  });
});

describe("second step of log-in at /login/mfa", () => {
  it("leaves the session unverified until the code is given, then replaces it with a verified one", async () => {
    const { user, secret } = await enrolledUser("executive");
    nextStep();
    const { cookie, location } = await passwordStep(user.email);
    expect(location).toBe("/login/mfa?redirectTo=%2Fdashboard");
    const pendingRow = db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, user.id))
      .all()
      .find((s) => !s.mfaVerified);
    expect(pendingRow).toBeDefined();

    const dash = await outcome(() => dashboardPage.loader(args(getRequest("/dashboard", cookie))));
    expect(dash).toMatchObject({ status: 302, location: "/login/mfa" });
    const account = await outcome(() => accountPage.loader(args(getRequest("/account", cookie))));
    expect(account).toMatchObject({ status: 302, location: "/login/mfa" });
    const page = await outcome(() => loginMfaPage.loader(args(getRequest("/login/mfa?redirectTo=%2Fdashboard", cookie))));
    expect(page.status).toBe(200);
    expect(page.body).toBeNull();

    const res = await outcome(async () =>
      loginMfaPage.action(args(postRequest("/login/mfa", { code: await totpNow(secret), redirectTo: "/dashboard" }, cookie))),
    );
    expect(res).toMatchObject({ status: 302, location: "/dashboard" });
    const verified = sessionCookieFrom(res);
    expect(verified).not.toBe(cookie);

    // The pending token is gone; the new one opens the dashboard.
    expect(db.select().from(sessions).where(eq(sessions.id, pendingRow!.id)).get()).toBeUndefined();
    expect((await outcome(() => dashboardPage.loader(args(getRequest("/dashboard", cookie))))).location).toMatch(/^\/login/);
    expect((await outcome(() => dashboardPage.loader(args(getRequest("/dashboard", verified))))).status).toBe(200);

    const login = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.login"))
      .all()
      .filter((e) => e.entityId === String(user.id));
    expect(login.map((e) => JSON.parse(e.after ?? "{}"))).toContainEqual({ method: "totp" });
  });

  it("refuses a code already used, even within its 30 seconds", async () => {
    const { user, secret } = await enrolledUser("executive");
    nextStep();
    const code = await totpNow(secret);
    const first = await passwordStep(user.email);
    expect((await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code }, first.cookie))))).status).toBe(302);
    const second = await passwordStep(user.email);
    const replay = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code }, second.cookie))));
    expect(replay.status).toBe(400);
    expect(replay.body.error.code[0]).toMatch(/not valid/);
  });

  it("accepts a recovery code once only, however it is typed", async () => {
    const { user, codes } = await enrolledUser("executive");
    const code = codes[3]!;
    const typed = ` ${code.toLowerCase().replace("-", " ")} `;
    const first = await passwordStep(user.email);
    const ok = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code: typed }, first.cookie))));
    expect(ok.status).toBe(302);
    expect(ok.setCookies.some((c) => c.startsWith("rampart_toast="))).toBe(true);
    const used = db
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, user.id))
      .all()
      .filter((r) => r.usedAt);
    expect(used).toHaveLength(1);
    const events = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.login"))
      .all()
      .filter((e) => e.entityId === String(user.id));
    expect(events.map((e) => JSON.parse(e.after ?? "{}"))).toContainEqual({ method: "recovery_code" });

    const second = await passwordStep(user.email);
    const again = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code }, second.cookie))));
    expect(again.status).toBe(400);
  });

  it("locks after five wrong codes: the sixth within 15 minutes gets 429 with Retry-After, even with the right code", async () => {
    const { user, secret } = await enrolledUser("executive");
    nextStep();
    const { cookie } = await passwordStep(user.email);
    const right = await totpNow(secret);
    for (let i = 0; i < 5; i++) {
      const res = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code: wrongCode(right) }, cookie))));
      expect(res.status).toBe(400);
    }
    const locked = await settle(() => loginMfaPage.action(args(postRequest("/login/mfa", { code: right }, cookie))));
    expect(locked).toBeInstanceOf(Response);
    expect((locked as Response).status).toBe(429);
    expect(Number((locked as Response).headers.get("Retry-After"))).toBeGreaterThan(800);
    const failed = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.mfa_failed"))
      .all()
      .filter((e) => e.entityId === String(user.id));
    expect(failed).toHaveLength(5);
  });

  it("sends anyone without a pending session to /login, and a verified one home", async () => {
    const anonymous = await outcome(() => loginMfaPage.loader(args(getRequest("/login/mfa"))));
    expect(anonymous).toMatchObject({ status: 302, location: "/login" });
    const bogus = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code: "123456" }, `${SESSION_COOKIE}=${"a".repeat(32)}`))));
    expect(bogus).toMatchObject({ status: 302, location: "/login" });
    const { cookie } = signedIn("board");
    const home = await outcome(() => loginMfaPage.loader(args(getRequest("/login/mfa", cookie))));
    expect(home).toMatchObject({ status: 302, location: "/board" });
  });

  it("gives the second step ten minutes, then asks for the password again", async () => {
    const { user } = await enrolledUser("executive");
    const { cookie } = await passwordStep(user.email);
    vi.setSystemTime(Date.now() + 11 * 60 * 1000);
    const res = await outcome(() => loginMfaPage.loader(args(getRequest("/login/mfa", cookie))));
    expect(res).toMatchObject({ status: 302, location: "/login" });
    expect(
      db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, user.id))
        .all()
        .filter((s) => !s.mfaVerified),
    ).toHaveLength(0);
  });
});

describe("secrets stay secret", () => {
  it("no loader returns the TOTP secret or a recovery code after enrolment, and no audit event holds them", async () => {
    const { user, cookie, secret, codes } = await enrolledUser("ciso_office");
    nextStep();
    const regenerated = await outcome(async () =>
      mfaPage.action(args(postRequest("/account/mfa", { intent: "regenerate", code: await totpNow(secret) }, cookie))),
    );
    const allCodes = [...codes, ...(regenerated.body.recoveryCodes as string[])];
    const { cookie: pending } = await passwordStep(user.email);

    const loaded = [
      await outcome(() => mfaPage.loader(args(getRequest("/account/mfa", cookie)))),
      await outcome(() => accountPage.loader(args(getRequest("/account", cookie)))),
      await outcome(() => loginMfaPage.loader(args(getRequest("/login/mfa", pending)))),
      await outcome(() => rootLoader(args(getRequest("/account", cookie)))),
    ];
    const codeHashes = db
      .select({ h: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .all()
      .map((r) => r.h);
    const needles = [secret, secret.toLowerCase(), ...allCodes, ...allCodes.map((c) => c.replace("-", "")), ...codeHashes, PASSWORD];
    const haystacks = {
      loaders: JSON.stringify(loaded.map((l) => l.body)),
      audit: JSON.stringify(db.select().from(auditEvents).all()),
    };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const needle of needles) expect(text.includes(needle), `${where} contains a secret`).toBe(false);
    }
    // The grouped form shown during set-up must not survive either.
    expect(haystacks.loaders).not.toContain(secret.slice(0, 4) + " " + secret.slice(4, 8));
  });
});

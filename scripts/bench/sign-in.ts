/**
 * Run by the benchmark with DATABASE_PATH set to the run's database: opens a
 * CISO office session and an API token through the app's own modules and
 * prints, as the last line, the cookie, the token and the values that fill
 * route parameters (the first workstream, risk, milestone …).
 */
import { API_SCOPES } from "#db/schema/enums";
import { createApiToken } from "~/auth/api-tokens.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { db } from "~/db.server";

const first = <T>(query: string): T | undefined => db.$client.prepare(query).get() as T | undefined;

const ciso = first<{ id: number }>("select id from users where role = 'ciso_office' and active = 1 order by id limit 1");
if (!ciso) throw new Error("The benchmark database has no active CISO office account.");
const { token: sessionToken } = createSession(ciso.id, { mfaVerified: true, userAgent: "rampart-bench" });
const admin = first<{ id: number }>("select id from users where role = 'admin' and active = 1 order by id limit 1");
// /admin/* is for administrators only: timed with an administrator's session rather than as a 403.
const adminCookie = admin ? `${SESSION_COOKIE}=${createSession(admin.id, { mfaVerified: true, userAgent: "rampart-bench" }).token}` : null;
const { token } = createApiToken(ciso.id, { name: "bench", scopes: [...API_SCOPES], expiresInDays: 1 }, { actorId: ciso.id, requestId: "bench" });

const acceptance = first<{ id: number; code: string }>("select a.id, r.code from risk_acceptances a join risks r on r.id = a.risk_id order by a.id limit 1");
const fill: Record<string, string | undefined> = {
  "workstreams.$code": first<{ code: string }>("select code from workstreams order by id limit 1")?.code,
  "risks.$code": acceptance?.code ?? first<{ code: string }>("select code from risks order by id limit 1")?.code,
  "risks.$code.acceptances.$id": acceptance ? String(acceptance.id) : undefined,
  "obligations.$code": first<{ code: string }>("select code from obligations order by id limit 1")?.code,
  "milestones.$id": String(first<{ id: number }>("select id from milestones order by id limit 1")?.id ?? ""),
  "engagements.$id": String(first<{ id: number }>("select id from engagements order by id limit 1")?.id ?? ""),
  "status-reports.$id": String(first<{ id: number }>("select id from status_reports order by id limit 1")?.id ?? ""),
  "admin.users.$userId": String(ciso.id),
  "board.$quarter": first<{ quarter: string }>("select quarter from board_reports where state = 'published' order by quarter desc limit 1")?.quarter,
  "api.v1.board-reports.$quarter": first<{ quarter: string }>("select quarter from board_reports where state = 'published' order by quarter desc limit 1")
    ?.quarter,
};
db.$client.close();
console.log(
  JSON.stringify({ cookie: `${SESSION_COOKIE}=${sessionToken}`, adminCookie, token, fill: Object.fromEntries(Object.entries(fill).filter(([, v]) => v)) }),
);

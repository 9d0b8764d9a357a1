import { beforeAll, describe, expect, it } from "vitest";
import { program } from "#db/schema";
import { ROLES, type Role } from "#db/schema/enums";
import { db } from "~/db.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";
import { routeModules, sampleParams, samplePath } from "#test/support/routes";

/**
 * Who may call each route's loader and action, written out by hand so that
 * an over-permissive declaration in a route module fails here. A new route
 * fails until it is added.
 */
type Allowed = "public" | readonly Role[];
const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ["admin", "ciso_office", "workstream_lead", "executive"];
const ADMIN: readonly Role[] = ["admin"];

export const EXPECTED: Record<string, { loader?: Allowed; action?: Allowed }> = {
  _index: { loader: ALL },
  "account._index": { loader: ALL, action: ALL },
  "account.mfa": { loader: ALL, action: ALL },
  "notifications._index": { loader: ALL, action: ALL },
  "notifications.$id": { loader: ALL },
  "admin.audit": { loader: ADMIN },
  // Every signed-in role may open it; a board member's search covers no kind (test/search/search.test.ts).
  search: { loader: ALL },
  "admin.audit[.csv]": { loader: ADMIN },
  "admin.settings": { loader: ADMIN, action: ADMIN },
  // Risks: leads hold `:own` grants, checked against risks.owner_id (404 here: the sample code is no risk).
  // Only executives decide acceptances, not admin (docs/decisions/006-risk-acceptance-approvers.md).
  "risks._index": { loader: STAFF },
  "risks[.csv]": { loader: STAFF },
  "risks.$code": { loader: STAFF },
  "risks.$code_.edit": { loader: ["admin", "ciso_office", "workstream_lead"], action: ["admin", "ciso_office", "workstream_lead"] },
  "risks.$code_.rescore": { loader: ["admin", "ciso_office", "workstream_lead"], action: ["admin", "ciso_office", "workstream_lead"] },
  "risks.$code_.request-acceptance": { loader: ["admin", "ciso_office", "workstream_lead"], action: ["admin", "ciso_office", "workstream_lead"] },
  "risks.$code_.acceptances.$id": { loader: ["executive"], action: ["executive"] },
  "risks.new": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "risks.import": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "admin.users._index": { loader: ADMIN, action: ADMIN },
  "admin.users.$userId": { loader: ADMIN, action: ADMIN },
  // The invitation link is the credential (test/admin/users.test.ts).
  invite: { loader: "public", action: "public" },
  dashboard: { loader: STAFF },
  // Role homes: each for the role whose home it is (the CISO office's list is also the administrator's).
  inbox: { loader: ["executive"] },
  "my-work": { loader: ["admin", "workstream_lead"] },
  waiting: { loader: ["admin", "ciso_office"] },
  "dashboard[.csv]": { loader: STAFF },
  "dashboard[.xlsx]": { loader: STAFF },
  healthz: { loader: "public" },
  "api.v1.program": { loader: STAFF },
  "api.v1.workstreams": { loader: STAFF },
  "api.v1.milestones": { loader: STAFF },
  "api.v1.budget": { loader: STAFF },
  "api.v1.risks": { loader: STAFF },
  "api.v1.measures": { loader: STAFF },
  "measures._index": { loader: STAFF },
  "measures.$key": { loader: STAFF },
  "measures[.csv]": { loader: STAFF },
  "measures[.xlsx]": { loader: STAFF },
  "measures.new": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "measures.$key_.edit": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  // Leads enter values for the measures they own (checked per row).
  "measures.values": { loader: ["admin", "ciso_office", "workstream_lead"], action: ["admin", "ciso_office", "workstream_lead"] },
  "measures.import": { loader: ["admin", "ciso_office", "workstream_lead"], action: ["admin", "ciso_office", "workstream_lead"] },
  "csf._index": { loader: STAFF, action: ["admin", "ciso_office"] },
  login: { loader: "public", action: "public" },
  // Public in the declaration: it admits only a session waiting for its second factor (test/auth/mfa.test.ts).
  "login_.mfa": { loader: "public", action: "public" },
  logout: { loader: "public", action: "public" },
  // Single sign-on: state, nonce and the code are the credential; a pending link needs the account's password (test/auth/sso*.test.ts).
  "auth.oidc.login": { loader: "public" },
  "auth.oidc.callback": { loader: "public" },
  "auth.oidc.link": { loader: "public", action: "public" },
  setup: { loader: "public", action: "public" },
  // The one-time link is the credential (test/security/accounts-reset.test.ts).
  "reset-password": { loader: "public", action: "public" },
  // Delivery: leads hold `:own` edit permissions, checked against the row's workstream (test/milestones, test/status-reports).
  "milestones._index": { loader: STAFF },
  "milestones[.csv]": { loader: STAFF },
  "milestones.new": { loader: ["admin", "ciso_office", "workstream_lead"], action: ["admin", "ciso_office", "workstream_lead"] },
  "milestones.$id": { loader: STAFF, action: ["admin", "ciso_office", "workstream_lead"] },
  "milestones.import": { loader: ["admin", "ciso_office", "workstream_lead"], action: ["admin", "ciso_office", "workstream_lead"] },
  "workstreams._index": { loader: STAFF },
  "workstreams[.csv]": { loader: STAFF },
  "workstreams.new": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "workstreams.$code._index": { loader: STAFF },
  "workstreams.$code.edit": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "workstreams.$code.reports.new": { loader: ["admin", "ciso_office", "workstream_lead"], action: ["admin", "ciso_office", "workstream_lead"] },
  "status-reports.$id": { loader: STAFF, action: ["admin", "ciso_office", "workstream_lead"] },
  "engagements._index": { loader: STAFF },
  "engagements[.csv]": { loader: STAFF },
  "engagements.new": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "engagements.$id._index": { loader: STAFF, action: ["admin", "ciso_office"] },
  "engagements.$id.edit": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  timeline: { loader: STAFF },
  // Money and obligations: everyone on staff reads and exports; only the CISO office (and admins) edit.
  "budget._index": { loader: STAFF },
  "budget[.csv]": { loader: STAFF },
  "budget[.xlsx]": { loader: STAFF },
  "budget.actuals.import": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "budget.plan": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "budget.spend": { loader: ["admin", "ciso_office"], action: ["admin", "ciso_office"] },
  "obligations._index": { loader: STAFF },
  "obligations[.csv]": { loader: STAFF },
  "obligations.$code": { loader: STAFF, action: ["admin", "ciso_office"] },
  // Evidence takes its parent row's permissions, checked per row (404 / 403 there: test/evidence/upload.test.ts); the register is for staff.
  "evidence._index": { loader: STAFF },
  "evidence[.csv]": { loader: STAFF },
  "evidence.new": { loader: ALL, action: ALL },
  "evidence.$id._index": { loader: ALL },
  "evidence.$id.download": { loader: ALL },
  // Board reports: everyone reads published ones (which states each role sees: test/board/*); the CISO office drafts and publishes, executives approve.
  "board._index": { loader: ALL, action: ["admin", "ciso_office"] },
  "board.$quarter": { loader: ALL, action: ["admin", "ciso_office"] },
  "board.$quarter[.pdf]": { loader: ALL },
  "board.$quarter_.review": { loader: ["admin", "executive"], action: ["admin", "executive"] },
  "board.disclosure": { loader: ["admin", "ciso_office", "executive"] },
  "board.disclosure[.md]": { loader: ["admin", "ciso_office", "executive"] },
  // The API is for roles granted read:api: a board member's token (made by the factory, since they cannot create one) is refused.
  "api.v1.board-reports._index": { loader: STAFF },
  "api.v1.board-reports.$quarter": { loader: STAFF },
};

type Handler = (a: unknown) => unknown;
const anonymousRefusal = (res: unknown, api: boolean) =>
  api
    ? res instanceof Response && res.status === 401
    : res instanceof Response && res.status === 302 && (res.headers.get("Location") ?? "").startsWith("/login");

beforeAll(() => {
  db.insert(program).values({ name: "Matrix programme", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
});

describe("authorization matrix", () => {
  for (const { id, module } of routeModules) {
    const expected = EXPECTED[id];
    it(`${id} is in the matrix`, () => {
      expect(expected, `add ${id} to EXPECTED with the roles that may use it`).toBeDefined();
    });
    if (!expected) continue;
    const api = Boolean(module.access?.api);

    for (const kind of ["loader", "action"] as const) {
      const handler = module[kind] as Handler | undefined;
      const allowed = expected[kind];
      if (!handler) continue;
      it(`${id} ${kind} is declared`, () => expect(allowed, `${id} exports an ${kind} but EXPECTED has none`).toBeDefined());
      if (!allowed || allowed === "public") continue;

      // API routes authenticate with a personal token, pages with the session cookie.
      const makeRequest = (cookie?: string, token?: string) => {
        if (api) return new Request(`http://localhost:3000${samplePath(id)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        return kind === "loader" ? getRequest(samplePath(id), cookie) : postRequest(samplePath(id), { intent: "matrix-probe" }, cookie);
      };

      it(`${id} ${kind}: anonymous is refused`, async () => {
        const res = await settle(() => handler(args(makeRequest(), sampleParams(id))));
        expect(anonymousRefusal(res, api)).toBe(true);
      });

      for (const role of ROLES) {
        const may = allowed.includes(role);
        it(`${id} ${kind}: ${role} is ${may ? "let through" : "refused with 403"}`, async () => {
          const { cookie, user } = signedIn(role);
          const token = api ? makeApiToken(user.id).token : undefined;
          const res = await settle(() => handler(args(makeRequest(cookie, token), sampleParams(id))));
          const status = res instanceof Response ? res.status : 200;
          if (may) {
            expect(status).not.toBe(403);
            expect(anonymousRefusal(res, api)).toBe(false);
          } else {
            expect(status).toBe(403);
          }
        });
      }
    }
  }
});

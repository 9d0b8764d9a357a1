import { beforeAll, describe, expect, it } from "vitest";
import { program } from "#db/schema";
import { ROLES, type Role } from "#db/schema/enums";
import { db } from "~/db.server";
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
  dashboard: { loader: STAFF },
  healthz: { loader: "public" },
  login: { loader: "public", action: "public" },
  logout: { loader: "public", action: "public" },
  setup: { loader: "public", action: "public" },
};

type Handler = (a: unknown) => unknown;
const anonymousRefusal = (res: unknown, api: boolean) =>
  api ? res instanceof Response && res.status === 401 : res instanceof Response && res.status === 302 && (res.headers.get("Location") ?? "").startsWith("/login");

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

      const makeRequest = (cookie?: string) =>
        kind === "loader" ? getRequest(samplePath(id), cookie) : postRequest(samplePath(id), { intent: "matrix-probe" }, cookie);

      it(`${id} ${kind}: anonymous is refused`, async () => {
        const res = await settle(() => handler(args(makeRequest(), sampleParams(id))));
        expect(anonymousRefusal(res, api)).toBe(true);
      });

      for (const role of ROLES) {
        const may = allowed.includes(role);
        it(`${id} ${kind}: ${role} is ${may ? "let through" : "refused with 403"}`, async () => {
          const { cookie } = signedIn(role);
          const res = await settle(() => handler(args(makeRequest(cookie), sampleParams(id))));
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

import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { todayIso } from "~/utils/format";
import { signedIn } from "#test/support/factories";
import { testContext } from "#test/support/requests";
import { routeModules, sampleParams, samplePath } from "#test/support/routes";

/**
 * Posts random and hostile bodies to every route action, signed in as the
 * CISO office and anonymously, on the demo programme. Whatever the body:
 * no 5xx, no answer over 100 kB, and a refused request (4xx) writes no row.
 */

const ORIGIN = "http://localhost:3000";
const MAX_RESPONSE_BYTES = 100 * 1024;
const RUNS_SIGNED_IN = 6;
const RUNS_ANONYMOUS = 2;

// Rows a refused request may legitimately leave: failed sign-ins are counted and audited on purpose.
const MAY_GROW_ON_REFUSAL = new Set(["throttles"]);
const AUDIT_OF_REFUSALS = /^auth\./;

const actionRoutes = routeModules.filter((r) => typeof r.module.action === "function");

/** Field names a route's form uses, read from its source (name="x", name: "x", intent values), plus the shared ones. */
function fieldNamesOf(file: string): { names: string[]; intents: string[] } {
  const source = fs.readFileSync(path.join(process.cwd(), file), "utf8");
  const names = new Set([...source.matchAll(/name[=:]\s*["'`{]+([\w.[\]-]+)["'`]/g)].map((m) => m[1]!));
  const intents = new Set([...source.matchAll(/(?:intent === |z\.literal\(|value=)"([\w-]+)"/g)].map((m) => m[1]!));
  return { names: [...names], intents: [...intents] };
}

const SHARED_FIELDS = [
  "intent",
  "version",
  "id",
  "code",
  "title",
  "name",
  "email",
  "password",
  "role",
  "status",
  "workstreamId",
  "ownerId",
  "sponsorId",
  "vendorId",
  "engagementId",
  "milestoneId",
  "deliverableId",
  "relationshipOwnerId",
  "riskId",
  "tokenId",
  "dependsOn[0]",
  "dependsOn[1]",
  "workstreamIds[0]",
  "milestoneIds[0]",
  "impactLabels[0]",
  "impactLabels[3]",
  "likelihoodLabels[4]",
  "cells[0].amount",
  "cells[0].engagementId",
  "newRow.engagementId",
  "baselineDate",
  "forecastDate",
  "actualDate",
  "date",
  "amount",
  "quarter",
  "ws",
  "fy",
  "csv",
  "redirectTo",
];

const HOSTILE_NAMES = [
  "zz[10000000]",
  "dependsOn[1000000]",
  "a.b.c.d.e.f",
  "__proto__",
  "constructor.prototype.x",
  "cells[1999].x",
  "x[-1]",
  "[0]",
  "a[0][0][0]",
];
const BAD_IDS = ["0", "-1", "999999", "16", "1000", "1e9", "9007199254740993", "abc", "", " ", "1.5", "0x10"];

function value(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 3, arbitrary: fc.constantFrom(...BAD_IDS) },
    {
      weight: 2,
      arbitrary: fc.constantFrom("2024-06-30", "2024-02-30", "1999-01-01", "9999-12-31", "capex", "opex", "vendor", "done", "red", "1", "2", "5", "6"),
    },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 12_000 }).map((n) => "x".repeat(n)) },
  );
}

type Body = { contentType: string | null; body: string };

function bodies(file: string): fc.Arbitrary<Body> {
  const { names, intents } = fieldNamesOf(file);
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names, ...SHARED_FIELDS) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const fields = fc.array(fc.tuple(name, value()), { maxLength: 14 });
  const intent = intents.length ? fc.option(fc.constantFrom(...intents), { nil: undefined }) : fc.constant(undefined);
  const form = fc.tuple(intent, fields).map(([i, f]) => {
    const params = new URLSearchParams(i ? [["intent", i]] : []);
    for (const [k, v] of f) params.append(k, v);
    return params.toString();
  });
  return fc.oneof(
    { weight: 8, arbitrary: form.map((body) => ({ contentType: "application/x-www-form-urlencoded", body })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("application/json", "text/plain", "multipart/form-data", null, "application/xml"), form)
        .map(([contentType, body]) => ({
          contentType,
          body: contentType === "application/json" ? JSON.stringify(Object.fromEntries(new URLSearchParams(body))) : body,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("zz%5B10000000%5D=1", "dependsOn%5B1000000%5D=11", `v=${"a".repeat(300 * 1024)}`)
        .map((body) => ({ contentType: "application/x-www-form-urlencoded", body })),
    },
  );
}

function tableCounts(): Map<string, number> {
  const tables = db.$client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .all() as Array<{ name: string }>;
  const counts = new Map<string, number>();
  for (const { name } of tables) {
    if (MAY_GROW_ON_REFUSAL.has(name)) continue;
    if (name === "audit_events") {
      const rows = db.$client.prepare("select action from audit_events").all() as Array<{ action: string }>;
      counts.set(name, rows.filter((r) => !AUDIT_OF_REFUSALS.test(r.action)).length);
    } else {
      counts.set(name, (db.$client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n);
    }
  }
  return counts;
}

async function post(route: (typeof actionRoutes)[number], body: Body, cookie: string | undefined) {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (body.contentType) headers["content-type"] = body.contentType;
  if (cookie) headers.cookie = cookie;
  const request = new Request(`${ORIGIN}${samplePath(route.id)}`, { method: "POST", body: body.body, headers });
  let result: unknown;
  try {
    result = await route.module.action!({ request, params: sampleParams(route.id), context: testContext });
  } catch (error) {
    if (!(error instanceof Response)) return { status: 500, size: 0, error };
    result = error;
  }
  if (result instanceof Response) return { status: result.status, size: (await result.arrayBuffer()).byteLength, error: null };
  const init = (result as { type?: string; init?: { status?: number } | null; data?: unknown } | null)?.type === "DataWithResponseInit" ? result : null;
  const data = init ? (result as { data: unknown }).data : result;
  return { status: (init as { init?: { status?: number } } | null)?.init?.status ?? 200, size: Buffer.byteLength(JSON.stringify(data) ?? ""), error: null };
}

describe("fuzzing every action", () => {
  let ciso: string;

  beforeAll(async () => {
    await seedDemo(db, { today: todayIso() });
    ciso = signedIn("ciso_office").cookie;
  }, 60_000);

  it("finds actions to fuzz", () => {
    expect(actionRoutes.length).toBeGreaterThan(20);
  });

  for (const route of actionRoutes) {
    it(`survives random and hostile posts to ${route.id}`, async () => {
      for (const [who, runs] of [
        ["ciso_office", RUNS_SIGNED_IN],
        ["anonymous", RUNS_ANONYMOUS],
      ] as const) {
        await fc.assert(
          fc.asyncProperty(bodies(route.file.slice(1)), async (body) => {
            const before = tableCounts();
            const res = await post(route, body, who === "anonymous" ? undefined : ciso);
            if (res.error) throw res.error;
            expect(res.status, `${who} ${route.id}`).toBeLessThan(500);
            expect(res.size).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
            if (res.status >= 400) expect(tableCounts(), `${who} ${route.id} answered ${res.status} but wrote rows`).toEqual(before);
          }),
          { numRuns: runs },
        );
      }
    });
  }
});

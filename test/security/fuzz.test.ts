import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engagements, milestones, risks, workstreams } from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { todayIso } from "~/time/today.server";
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
const RUNS_SIGNED_IN = 8;
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

type Fields = Array<[string, string]>;

/**
 * Valid forms of the main editors on the demo data, read when used (versions
 * move as fuzzed saves succeed). Fuzzing changes a few of their fields, so a
 * bad id or value reaches the domain code instead of failing the schema first.
 */
const version = (row: { version: number } | undefined) => String(row?.version ?? 1);
const ws01 = () => db.select().from(workstreams).where(eq(workstreams.code, "WS-01")).get();
const workstreamBase: Fields = [
  ["name", "Fuzzed workstream"],
  ["csfFunctions", "protect"],
  ["startDate", "2024-01-01"],
  ["endDate", "2026-12-31"],
  ["lifecycleStatus", "active"],
];
const milestoneBase: Fields = [
  ["title", "Fuzzed milestone"],
  ["status", "in_progress"],
  ["percentComplete", "10"],
  ["weight", "1"],
];
const engagementBase = (): Fields => [
  ["vendorId", "1"],
  ["title", "Fuzzed engagement"],
  ["kind", "advisory"],
  ["sowReference", `SOW-FZ-${Math.floor(Math.random() * 1e6)}`],
  ["startDate", "2024-01-01"],
  ["endDate", "2024-12-31"],
  ["contractValueCents", "1,000.00"],
  ["status", "active"],
];
const riskBase: Fields = [
  ["title", "Fuzzed risk"],
  ["category", "Identity"],
  ["csfFunction", "protect"],
  ["inherentLikelihood", "4"],
  ["inherentImpact", "4"],
  ["targetLikelihood", "2"],
  ["targetImpact", "2"],
  ["treatment", "mitigate"],
  ["status", "open"],
];
const BASELINES: Record<string, () => Fields> = {
  "workstreams.new": () => [["code", `WS-${100 + Math.floor(Math.random() * 899)}`], ...workstreamBase],
  "workstreams.$code.edit": () => [["version", version(ws01())], ...workstreamBase],
  "milestones.new": () => [
    ["workstreamId", String(ws01()?.id)],
    ["code", `FZ-${Math.floor(Math.random() * 1e6)}`],
    ["baselineDate", "2025-06-30"],
    ...milestoneBase,
  ],
  "milestones.$id": () => [["intent", "update"], ["version", version(db.select().from(milestones).where(eq(milestones.id, 1)).get())], ...milestoneBase],
  "engagements.new": engagementBase,
  "engagements.$id.edit": () => [["version", version(db.select().from(engagements).where(eq(engagements.id, 1)).get())], ...engagementBase()],
  "engagements.$id._index": () => [
    ["intent", "add-deliverable"],
    ["title", "Fuzzed deliverable"],
    ["dueDate", "2024-06-30"],
    ["status", "pending"],
  ],
  "risks.new": () => [["code", `R-${5000 + Math.floor(Math.random() * 4999)}`], ["currentLikelihood", "3"], ["currentImpact", "3"], ...riskBase],
  "risks.$code_.edit": () => [["version", version(db.select().from(risks).where(eq(risks.code, "R-001")).get())], ...riskBase],
  "budget.plan": () => [
    ["ws", "WS-01"],
    ["fy", "2025"],
    ["newRow.costClass", "opex"],
    ["newRow.category", "vendor"],
    ["newRow.q1", "100"],
  ],
};
// The fields of each baseline form that name another row.
const ID_FIELDS: Record<string, string[]> = {
  "workstreams.new": ["ownerId", "sponsorId"],
  "workstreams.$code.edit": ["ownerId", "sponsorId"],
  "milestones.new": ["workstreamId", "dependsOn[0]"],
  "milestones.$id": ["dependsOn[0]"],
  "engagements.new": ["vendorId", "relationshipOwnerId", "workstreamIds[0]"],
  "engagements.$id.edit": ["vendorId", "relationshipOwnerId", "workstreamIds[0]"],
  "engagements.$id._index": ["milestoneId"],
  "risks.new": ["ownerId", "workstreamIds[0]", "milestoneIds[0]"],
  "risks.$code_.edit": ["ownerId", "workstreamIds[0]", "milestoneIds[0]"],
  "budget.plan": ["newRow.engagementId"],
};
// Params that name demo rows, where the shared samples (test/support/routes.ts) name none.
const PARAMS: Record<string, Record<string, string>> = {
  "risks.$code_.edit": { code: "R-001" },
  "risks.$code_.rescore": { code: "R-001" },
  "risks.$code_.request-acceptance": { code: "R-001" },
  "risks.$code_.acceptances.$id": { code: "R-001", id: "1" },
};

type Body = { contentType: string | null; body: string };

function bodies(file: string, id: string): fc.Arbitrary<Body> {
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
  const baseline = BASELINES[id];
  // A valid form with one to three fields replaced, dropped or added.
  const mutated = baseline
    ? fc
        .array(fc.tuple(fc.constantFrom(...baseline().map(([k]) => k), ...SHARED_FIELDS), fc.option(value(), { nil: undefined })), {
          minLength: 1,
          maxLength: 3,
        })
        .map((changes) => {
          const params = new URLSearchParams(baseline());
          for (const [k, v] of changes) {
            if (v === undefined) params.delete(k);
            else params.set(k, v);
          }
          return params.toString();
        })
    : form;
  // A valid form naming a row that does not exist in one of its id fields.
  const idFields = ID_FIELDS[id] ?? [];
  const badId =
    baseline && idFields.length
      ? fc.tuple(fc.constantFrom(...idFields), fc.constantFrom("16", "1000", "999999")).map(([k, v]) => {
          const params = new URLSearchParams(baseline());
          params.set(k, v);
          return params.toString();
        })
      : form;
  return fc.oneof(
    { weight: 2, arbitrary: form.map((body) => ({ contentType: "application/x-www-form-urlencoded", body })) },
    { weight: 4, arbitrary: badId.map((body) => ({ contentType: "application/x-www-form-urlencoded", body })) },
    { weight: 3, arbitrary: mutated.map((body) => ({ contentType: "application/x-www-form-urlencoded", body })) },
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
  const params = PARAMS[route.id] ?? sampleParams(route.id);
  let pathname = samplePath(route.id);
  for (const [k, v] of Object.entries(params)) pathname = pathname.replace(`/${sampleParams(route.id)[k]}`, `/${v}`);
  const request = new Request(`${ORIGIN}${pathname}`, { method: "POST", body: body.body, headers });
  let result: unknown;
  try {
    result = await route.module.action!({ request, params, context: testContext });
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
          fc.asyncProperty(bodies(route.file.slice(1), route.id), async (body) => {
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

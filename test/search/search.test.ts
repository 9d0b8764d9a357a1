import { beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "#db/schema/enums";
import * as searchPage from "~/routes/search";
import { likePattern } from "~/search/like";
import { makeEngagement, makeVendor } from "#test/support/delivery-factories";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { makeObligation } from "#test/support/money-factories";
import { makeRisk } from "#test/support/risk-factories";
import { args, getRequest } from "#test/support/requests";
import { outcome } from "../admin/outcome";

type Group = { kind: string; total: number; hits: Array<{ code: string; title: string; href: string }>; seeAllHref: string };
type Body = { q: string; problem: string | null; groups: Group[]; searchable: boolean };

const cookies = {} as Record<(typeof ROLES)[number], string>;
const search = (q: string, role: (typeof ROLES)[number] = "executive") =>
  outcome<Body>(() => searchPage.loader(args(getRequest(`/search?q=${encodeURIComponent(q)}`, cookies[role]))));
const group = (body: Body, kind: string) => body.groups.find((g) => g.kind === kind);
const codes = (g: Group | undefined) => g?.hits.map((h) => h.code) ?? [];

let ws: ReturnType<typeof makeWorkstream>;

beforeAll(() => {
  for (const role of ROLES) cookies[role] = signedIn(role).cookie;
  ws = makeWorkstream({ code: "WS-801", name: "Identity hardening", objective: "Retire shared kiwi accounts" });
  makeMilestone(ws.id, { code: "M-KIWI-1", title: "Phase-out plan approved" });
  makeMilestone(ws.id, { code: "M-801-2", title: "Raise MFA coverage to 50% of admins" });
  makeMilestone(ws.id, { code: "M-801-3", title: "Close 5000 stale accounts" });
  makeMilestone(ws.id, { code: "M-801-4", title: "Rename svc_kiwi to a named owner" });
  makeMilestone(ws.id, { code: "M-801-5", title: "Rename svcXkiwi duplicate" });
  for (let i = 1; i <= 7; i++) makeMilestone(ws.id, { code: `M-ZEB-${i}`, title: `Zebra rollout wave ${i}` });
  makeRisk({ code: "R-8001", title: "Kiwi credentials reused", description: "Shared passwords" });
  makeEngagement({ title: "Identity review", sowReference: "SOW-KIWI-9", vendorId: makeVendor({ name: "Kiwi Partners" }).id });
  makeObligation({ code: "OB-801", title: "Report to the regulator", text: "Retire every shared kiwi login" });
});

describe("global search", () => {
  it("finds workstreams, milestones, risks, engagements and obligations by code, title and text, case-insensitively", async () => {
    const res = await search("KIWI");
    expect(res.status).toBe(200);
    expect(codes(group(res.body, "workstreams"))).toEqual(["WS-801"]); // objective
    expect(codes(group(res.body, "milestones"))).toEqual(["M-801-4", "M-801-5", "M-KIWI-1"]); // title, title, code
    expect(codes(group(res.body, "risks"))).toEqual(["R-8001"]);
    expect(codes(group(res.body, "engagements"))).toEqual(["SOW-KIWI-9"]);
    expect(codes(group(res.body, "obligations"))).toEqual(["OB-801"]); // text
    expect(group(res.body, "risks")!.hits[0]!.href).toBe("/risks/R-8001");
  });

  it("treats % and _ as the characters typed, not as wildcards", async () => {
    const percent = await search("50%");
    expect(codes(group(percent.body, "milestones"))).toEqual(["M-801-2"]);
    const underscore = await search("svc_kiwi");
    expect(codes(group(underscore.body, "milestones"))).toEqual(["M-801-4"]);
    expect(likePattern("a\\b%_")).toBe("%a\\\\b\\%\\_%");
  });

  it("shows a few per kind, with the total and a link to the whole list filtered the same way", async () => {
    const res = await search("zebra");
    const milestones = group(res.body, "milestones")!;
    expect(milestones.total).toBe(7);
    expect(milestones.hits).toHaveLength(5);
    expect(milestones.seeAllHref).toBe("/milestones?q=zebra");
    expect(group(res.body, "risks")!.total).toBe(0);
  });

  it("refuses a too-short or too-long query with a reason, never a 500", async () => {
    expect((await search("k")).body).toMatchObject({ problem: "Type at least 2 characters.", groups: [] });
    expect((await search("k".repeat(101))).body).toMatchObject({ problem: "Use at most 100 characters.", groups: [] });
    expect((await search("   ")).body).toMatchObject({ problem: null, groups: [] });
  });
});

describe("what each role may find", () => {
  for (const role of ["admin", "ciso_office", "workstream_lead", "executive"] as const) {
    it(`${role} searches every kind`, async () => {
      const res = await search("kiwi", role);
      expect(res.body.groups.map((g) => g.kind)).toEqual(["workstreams", "milestones", "risks", "engagements", "obligations"]);
      expect(res.body.groups.every((g) => g.total > 0)).toBe(true);
    });
  }

  it("a board member, who reads published board reports only, finds nothing of the programme", async () => {
    const res = await search("kiwi", "board");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ searchable: false, groups: [] });
  });

  it("signed out, the search redirects to sign in", async () => {
    const res = await outcome(() => searchPage.loader(args(getRequest("/search?q=kiwi"))));
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/login/);
  });
});

import { eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { beforeEach, describe, expect, it } from "vitest";
import { milestoneDependencies, milestones } from "#db/schema";
import { db } from "~/db.server";
import { loader as csvLoader } from "~/routes/milestones[.csv]";
import { action as importAction } from "~/routes/milestones.import";
import { loader as listLoader } from "~/routes/milestones._index";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { auditFor, makeDependency } from "#test/support/delivery-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

const status = (res: unknown) => (res instanceof Response ? res.status : 200);
const snapshot = () => ({
  milestones: db.select().from(milestones).orderBy(milestones.id).all(),
  deps: db.select().from(milestoneDependencies).all(),
});

async function exportCsv(qs: string, cookie: string) {
  const res = (await csvLoader(args(getRequest(`/milestones.csv${qs}`, cookie)) as never)) as Response;
  expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
  return res.text();
}

function importFile(csv: string, cookie: string) {
  const form = new FormData();
  form.append("file", new File([csv], "milestones.csv", { type: "text/csv" }));
  const request = new Request("http://localhost:3000/milestones/import", { method: "POST", body: form, headers: { origin: "http://localhost:3000", cookie } });
  return settle(() => importAction(args(request) as never));
}

const records = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;
const dataLines = (csv: string) => records(csv).length;
const toText = (rows: Array<Record<string, string>>) => stringify(rows, { header: true });

describe("milestone CSV", () => {
  let ciso: ReturnType<typeof signedIn>;
  let lead: ReturnType<typeof signedIn>;
  let ws: ReturnType<typeof makeWorkstream>;
  let other: ReturnType<typeof makeWorkstream>;

  beforeEach(() => {
    ciso = signedIn("ciso_office");
    lead = signedIn("workstream_lead");
    ws = makeWorkstream({ ownerId: lead.user.id });
    other = makeWorkstream();
    const a = makeMilestone(ws.id, {
      title: "=cmd|' /C calc'!A0 formula-looking title",
      description: 'Quotes "inside", commas, and\na new line',
      forecastDate: "2024-08-31",
    });
    const b = makeMilestone(ws.id, { status: "done", actualDate: "2024-05-01", percentComplete: 100, criticalPath: true });
    makeMilestone(other.id, { weight: 3 });
    makeDependency(b.id, a.id);
  });

  it("exports as many rows as the filtered list, and records the export", async () => {
    for (const qs of ["", `?workstream=${ws.code}`, `?workstream=${ws.code}&status=done`, "?slipped=1"]) {
      const list = (await listLoader(args(getRequest(`/milestones${qs}`, ciso.cookie)) as never)) as { rows: unknown[] };
      expect(dataLines(await exportCsv(qs, ciso.cookie)), qs).toBe(list.rows.length);
    }
    expect(auditFor("milestone.export").length).toBeGreaterThanOrEqual(4);
  });

  it("imports an exported file back unchanged", async () => {
    const csv = await exportCsv("", ciso.cookie);
    const before = snapshot();
    const res = await importFile(csv, ciso.cookie);
    expect(status(res)).toBe(302);
    expect(snapshot()).toEqual(before);
    expect(await exportCsv("", ciso.cookie)).toBe(csv);
    const [summary] = auditFor("milestone.import");
    expect(JSON.parse(summary!.after!)).toMatchObject({ created: 0, updated: 0, unchanged: before.milestones.length });
  });

  it("creates and updates from an edited export, in one go, audited", async () => {
    const rows = records(await exportCsv(`?workstream=${ws.code}`, ciso.cookie));
    const done = rows.find((r) => r.status === "done")!;
    done.actual_date = "2024-05-02";
    const added = {
      ...done,
      code: "NEW-CSV-1",
      title: "Imported milestone",
      baseline_date: "2026-03-31",
      actual_date: "",
      status: "not_started",
      percent_complete: "0",
      depends_on: done.code!,
      version: "",
    };
    const res = await importFile(toText([done, added]), ciso.cookie);
    expect(status(res), await (res as Response).clone().text()).toBe(302);
    const created = db.select().from(milestones).where(eq(milestones.code, "NEW-CSV-1")).get();
    expect(created).toMatchObject({ workstreamId: ws.id, baselineDate: "2026-03-31", status: "not_started" });
    expect(auditFor("milestone.create", created!.id)).toHaveLength(1);
    const updated = db.select().from(milestones).where(eq(milestones.code, done.code!)).get()!;
    expect(updated).toMatchObject({ actualDate: "2024-05-02", version: 2 });
    expect(db.select().from(milestoneDependencies).where(eq(milestoneDependencies.milestoneId, created!.id)).all()).toEqual([
      { milestoneId: created!.id, dependsOnId: updated.id },
    ]);
    expect(auditFor("milestone.update", updated.id)).toHaveLength(1);
  });

  it("reports every bad row by line and column, and writes nothing", async () => {
    const before = snapshot();
    const csv = [
      "code,workstream,title,baseline_date,forecast_date,actual_date,status,percent_complete,weight,critical_path,depends_on",
      `OK-1,${ws.code},A fine milestone,2026-01-31,,,not_started,0,1,no,`,
      `BAD-1,${ws.code},Bad date,2026-02-30,,,not_started,0,1,no,`,
      `BAD-2,WS-NOPE,Unknown workstream,2026-01-31,,,finished,101,1,no,`,
      `BAD-3,${ws.code},Depends on nothing real,2026-01-31,,,not_started,0,1,maybe,GHOST-9`,
    ].join("\n");
    const res = await importFile(csv, ciso.cookie);
    expect(status(res)).toBe(400);
    const { errors } = (await (res as Response).json()) as { errors: Array<{ line: number; column: string }> };
    const at = errors.map((e) => `${e.line}:${e.column}`);
    expect(at).toEqual(expect.arrayContaining(["3:baseline_date", "4:status", "4:percent_complete", "5:critical_path"]));
    expect(snapshot()).toEqual(before);
    expect(db.select().from(milestones).where(eq(milestones.code, "OK-1")).get()).toBeUndefined();
  });

  it("refuses rows whose cross-row rules fail: unknown workstream, baseline change, stale version, cycle", async () => {
    const csv = await exportCsv(`?workstream=${ws.code}`, ciso.cookie);
    const rows = records(csv);
    const baselineChanged = toText(rows.map((r, i) => (i === 0 ? { ...r, baseline_date: "2024-07-31" } : r)));
    const r1 = await importFile(baselineChanged, ciso.cookie);
    expect(status(r1)).toBe(400);
    expect(JSON.stringify(await (r1 as Response).json())).toMatch(/re-baseline/);

    const [m] = db.select().from(milestones).where(eq(milestones.workstreamId, ws.id)).orderBy(milestones.id).all();
    db.update(milestones).set({ title: "Edited by someone else", version: 2 }).where(eq(milestones.id, m!.id)).run();
    const r2 = await importFile(csv, ciso.cookie);
    expect(status(r2)).toBe(400);
    expect(JSON.stringify(await (r2 as Response).json())).toMatch(/since this file was exported/);
    expect(db.select().from(milestones).where(eq(milestones.id, m!.id)).get()!.title).toBe("Edited by someone else");

    const codes = db
      .select({ code: milestones.code })
      .from(milestones)
      .where(eq(milestones.workstreamId, ws.id))
      .orderBy(milestones.id)
      .all()
      .map((r) => r.code);
    const cyclic = [
      "code,workstream,title,baseline_date,status,percent_complete,weight,depends_on",
      `CY-1,${ws.code},Cycle one,2026-01-31,not_started,0,1,CY-2`,
      `CY-2,${ws.code},Cycle two,2026-01-31,not_started,0,1,${codes[0]}`,
      `${codes[0]},${ws.code},Edited by someone else,2024-06-30,not_started,0,1,CY-1`,
    ].join("\n");
    const r3 = await importFile(cyclic, ciso.cookie);
    expect(status(r3)).toBe(400);
    expect(JSON.stringify(await (r3 as Response).json())).toMatch(/cycle: .*CY-1.*→/);
    expect(db.select().from(milestones).where(eq(milestones.code, "CY-1")).get()).toBeUndefined();
  });

  it("lets a lead import only their own workstreams' rows", async () => {
    const csv = await exportCsv("", ciso.cookie);
    const res = await importFile(csv, lead.cookie);
    expect(status(res)).toBe(400);
    expect(JSON.stringify(await (res as Response).json())).toMatch(new RegExp(`You do not lead ${other.code}`));
    expect(status(await importFile(await exportCsv(`?workstream=${ws.code}`, lead.cookie), lead.cookie))).toBe(302);
    expect(status(await settle(() => importAction(args(postRequest("/milestones/import", { csv: "x" }, signedIn("executive").cookie)) as never)))).toBe(403);
  });

  it("answers an empty upload with 400", async () => {
    const res = await settle(() => importAction(args(postRequest("/milestones/import", { csv: "" }, ciso.cookie)) as never));
    expect(status(res)).toBe(400);
  });
});

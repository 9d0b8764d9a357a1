/**
 * Issue 12: the milestone, workstream and deliverable pickers never load a
 * whole table. A page carries the chosen records (by id) and at most 25
 * candidates found on the server by code or title; "Find" sends the whole
 * form by GET, and the page comes back with what was typed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { milestones } from "#db/schema";
import { loader as milestoneLoader, action as milestoneAction } from "~/routes/milestones.$id";
import { loader as newMilestoneLoader } from "~/routes/milestones.new";
import { loader as newRiskLoader } from "~/routes/risks.new";
import { loader as editRiskLoader } from "~/routes/risks.$code_.edit";
import { loader as engagementLoader } from "~/routes/engagements.$id._index";
import { loader as editEngagementLoader } from "~/routes/engagements.$id.edit";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { makeDependency, makeEngagement } from "#test/support/delivery-factories";
import { ensureProgram, makeRisk } from "#test/support/risk-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

type Option = { value: string; label: string };
type Picker = { query: string; chosen: Option[]; candidates: { options: Option[]; more: boolean } };

const values = (options: Option[]) => options.map((o) => Number(o.value));

async function load<T>(loader: (a: never) => unknown, path: string, cookie: string, params: Record<string, string> = {}): Promise<T | Response> {
  return (await settle(() => loader(args(getRequest(path, cookie), params) as never))) as T | Response;
}

describe("pickers that search on the server", () => {
  let ciso: ReturnType<typeof signedIn>;
  let ws: ReturnType<typeof makeWorkstream>;
  let target: ReturnType<typeof makeMilestone>;
  let child: ReturnType<typeof makeMilestone>;
  let grandchild: ReturnType<typeof makeMilestone>;
  let chosen: ReturnType<typeof makeMilestone>;

  beforeAll(() => {
    ensureProgram();
    ciso = signedIn("ciso_office");
    ws = makeWorkstream();
    // 40 milestones whose title holds "Beacon": more than a picker shows.
    for (let i = 0; i < 40; i++) makeMilestone(ws.id, { code: `BCN-${String(i).padStart(2, "0")}`, title: `Beacon rollout ${i}` });
    target = makeMilestone(ws.id, { code: "PCK-TARGET", title: "Picker target" });
    child = makeMilestone(ws.id, { code: "PCK-CHILD", title: "Picker child" });
    grandchild = makeMilestone(ws.id, { code: "PCK-GRAND", title: "Picker grandchild" });
    chosen = makeMilestone(ws.id, { code: "PCK-CHOSEN", title: "Picker chosen" });
    // child depends on target, grandchild on child: target may not depend on either.
    makeDependency(child.id, target.id);
    makeDependency(grandchild.id, child.id);
    makeDependency(target.id, chosen.id);
  });

  const detail = (query: string) =>
    load<{ dependencies: Picker; draft: Record<string, string> | null }>(milestoneLoader, `/milestones/${target.id}${query}`, ciso.cookie, {
      id: String(target.id),
    });

  it("shows the saved dependencies as chosen and at most 25 candidates, not the whole table", async () => {
    const all = db.select({ id: milestones.id }).from(milestones).all().length;
    expect(all).toBeGreaterThan(40);
    const page = await detail("");
    if (page instanceof Response) throw new Error(`status ${page.status}`);
    expect(values(page.dependencies.chosen)).toEqual([chosen.id]);
    expect(page.dependencies.candidates.options).toHaveLength(25);
    expect(page.dependencies.candidates.more).toBe(true);
    expect(page.draft).toBeNull();
  });

  it("searches nothing for a reader who cannot edit the milestone", async () => {
    const executive = signedIn("executive");
    const page = await load<{ dependencies: Picker | null; canEdit: boolean }>(milestoneLoader, `/milestones/${target.id}?dep_q=beacon`, executive.cookie, {
      id: String(target.id),
    });
    if (page instanceof Response) throw new Error(`status ${page.status}`);
    expect(page.canEdit).toBe(false);
    expect(page.dependencies).toBeNull();
  });

  it("finds by code or title, case-insensitively, and says when there are more than it shows", async () => {
    const byTitle = await detail("?dep_q=beacon");
    if (byTitle instanceof Response) throw new Error(`status ${byTitle.status}`);
    expect(byTitle.dependencies.query).toBe("beacon");
    expect(byTitle.dependencies.candidates.options).toHaveLength(25);
    expect(byTitle.dependencies.candidates.more).toBe(true);
    for (const o of byTitle.dependencies.candidates.options) expect(o.label).toMatch(/Beacon rollout/);

    const byCode = await detail("?dep_q=BCN-3");
    if (byCode instanceof Response) throw new Error(`status ${byCode.status}`);
    expect(byCode.dependencies.candidates.options.map((o) => o.label.split(" · ")[0])).toEqual([
      "BCN-30",
      "BCN-31",
      "BCN-32",
      "BCN-33",
      "BCN-34",
      "BCN-35",
      "BCN-36",
      "BCN-37",
      "BCN-38",
      "BCN-39",
    ]);
    expect(byCode.dependencies.candidates.more).toBe(false);
  });

  it("never offers the milestone itself, one already chosen, or one that would close a cycle", async () => {
    const page = await detail("?dep_q=pck-");
    if (page instanceof Response) throw new Error(`status ${page.status}`);
    // After a Find, the chosen ones are those the form sent: here none.
    expect(page.dependencies.chosen).toEqual([]);
    expect(values(page.dependencies.candidates.options)).toEqual([chosen.id]);

    const keeping = await detail(`?dep_q=pck-&dependsOn=${chosen.id}`);
    if (keeping instanceof Response) throw new Error(`status ${keeping.status}`);
    expect(values(keeping.dependencies.chosen)).toEqual([chosen.id]);
    expect(keeping.dependencies.candidates.options).toEqual([]);
  });

  it("brings the form back as it was left when Find is pressed", async () => {
    const beacon = db
      .select()
      .from(milestones)
      .all()
      .find((m) => m.code === "BCN-07")!;
    const page = await detail(`?dep_q=beacon&title=${encodeURIComponent("Typed, not saved")}&percentComplete=40&dependsOn=${beacon.id}&dependsOn=${chosen.id}`);
    if (page instanceof Response) throw new Error(`status ${page.status}`);
    expect(page.draft?.title).toBe("Typed, not saved");
    expect(page.draft?.percentComplete).toBe("40");
    expect(page.draft?.criticalPath).toBe("");
    expect(values(page.dependencies.chosen)).toEqual([beacon.id, chosen.id]);
    expect(values(page.dependencies.candidates.options)).not.toContain(beacon.id);
  });

  it("refuses a search or a choice it cannot honour with a 400 and the reason", async () => {
    const long = await detail(`?dep_q=${"x".repeat(101)}`);
    expect(long).toBeInstanceOf(Response);
    expect((long as Response).status).toBe(400);
    expect(await (long as Response).text()).toMatch(/dep_q: Search with at most 100 characters/);
    const bad = await detail("?dep_q=a&dependsOn=abc");
    expect((bad as Response).status).toBe(400);
    const many = await detail(`?dep_q=a&${Array.from({ length: 201 }, (_, i) => `dependsOn=${i + 1}`).join("&")}`);
    expect((many as Response).status).toBe(400);
    expect(await (many as Response).text()).toMatch(/Choose at most 200/);
  });

  it("still saves the dependencies ticked in the picker, with the search field in the form, and still refuses a cycle", async () => {
    const fresh = db
      .select()
      .from(milestones)
      .all()
      .find((m) => m.id === chosen.id)!;
    const beacon = db
      .select()
      .from(milestones)
      .all()
      .find((m) => m.code === "BCN-11")!;
    const fields = {
      intent: "update",
      version: String(fresh.version),
      title: fresh.title,
      description: fresh.description,
      forecastDate: fresh.forecastDate ?? "",
      actualDate: "",
      status: fresh.status,
      percentComplete: String(fresh.percentComplete),
      weight: String(fresh.weight),
      forecastReason: "",
      dep_q: "bcn",
    };
    const post = (id: number, f: Record<string, string | string[]>) =>
      settle(() => milestoneAction(args(postRequest(`/milestones/${id}?dep_q=bcn`, f, ciso.cookie), { id: String(id) }) as never)) as Promise<Response>;
    expect((await post(chosen.id, { ...fields, dependsOn: [String(beacon.id)] })).status).toBe(302);
    const after = await load<{ dependencies: Picker }>(milestoneLoader, `/milestones/${chosen.id}`, ciso.cookie, { id: String(chosen.id) });
    if (after instanceof Response) throw new Error(`status ${after.status}`);
    expect(values(after.dependencies.chosen)).toEqual([beacon.id]);
    // chosen ← target: chosen depending on child would close chosen → child → target → chosen.
    const now = db
      .select()
      .from(milestones)
      .all()
      .find((m) => m.id === chosen.id)!;
    const cycle = await post(chosen.id, { ...fields, version: String(now.version), dependsOn: [String(child.id)] });
    expect(cycle.status).toBe(400);
  });

  it("offers the same bounded picker on a new milestone", async () => {
    const page = await load<{ dependencies: Picker }>(newMilestoneLoader, "/milestones/new?dep_q=rollout%2030", ciso.cookie);
    if (page instanceof Response) throw new Error(`status ${page.status}`);
    expect(page.dependencies.candidates.options.map((o) => o.label)).toEqual(["BCN-30 · Beacon rollout 30"]);
  });

  it("gives the risk forms a bounded workstream and milestone picker each, keeping the saved links", async () => {
    const risk = makeRisk({ workstreamIds: [ws.id], milestoneIds: [target.id] });
    const edit = await load<{ options: { workstreams: Picker; milestones: Picker } }>(editRiskLoader, `/risks/${risk.code}/edit`, ciso.cookie, {
      code: risk.code,
    });
    if (edit instanceof Response) throw new Error(`status ${edit.status}`);
    expect(values(edit.options.workstreams.chosen)).toEqual([ws.id]);
    expect(values(edit.options.milestones.chosen)).toEqual([target.id]);
    expect(edit.options.milestones.candidates.options.length).toBeLessThanOrEqual(25);
    expect(values(edit.options.milestones.candidates.options)).not.toContain(target.id);

    const found = await load<{ options: { workstreams: Picker; milestones: Picker } }>(newRiskLoader, "/risks/new?ws_q=&ms_q=rollout%2012", ciso.cookie);
    if (found instanceof Response) throw new Error(`status ${found.status}`);
    expect(found.options.milestones.candidates.options.map((o) => o.label)).toEqual(["BCN-12 · Beacon rollout 12"]);
    expect(found.options.workstreams.candidates.options.length).toBeLessThanOrEqual(25);
  });

  it("lets a deliverable's milestone be found the same way, one at most", async () => {
    const engagement = makeEngagement({}, [ws.id]);
    const page = await load<{ milestonePicker: Picker | null; draft: Record<string, string> | null }>(
      engagementLoader,
      `/engagements/${engagement.id}?ms_q=beacon&milestoneId=${target.id}&title=Draft%20report`,
      ciso.cookie,
      { id: String(engagement.id) },
    );
    if (page instanceof Response) throw new Error(`status ${page.status}`);
    expect(values(page.milestonePicker!.chosen)).toEqual([target.id]);
    expect(page.milestonePicker!.candidates.options).toHaveLength(25);
    expect(page.draft?.title).toBe("Draft report");
  });
  it("links an engagement to workstreams through the same picker, keeping the saved ones and the typed title", async () => {
    for (let i = 0; i < 30; i++) makeWorkstream({ name: `Harbor programme ${i}` });
    const engagement = makeEngagement({}, [ws.id]);
    const plain = await load<{ options: { workstreams: Picker }; draft: unknown }>(editEngagementLoader, `/engagements/${engagement.id}/edit`, ciso.cookie, {
      id: String(engagement.id),
    });
    if (plain instanceof Response) throw new Error(`status ${plain.status}`);
    expect(values(plain.options.workstreams.chosen)).toEqual([ws.id]);
    expect(plain.options.workstreams.candidates.options).toHaveLength(25);
    expect(plain.options.workstreams.candidates.more).toBe(true);
    expect(plain.draft).toBeNull();
    const found = await load<{ options: { workstreams: Picker }; draft: Record<string, string> | null }>(
      editEngagementLoader,
      `/engagements/${engagement.id}/edit?ws_q=harbor%20programme%2012&title=Renamed`,
      ciso.cookie,
      { id: String(engagement.id) },
    );
    if (found instanceof Response) throw new Error(`status ${found.status}`);
    // The Find sent no workstreamIds: the saved link was unticked.
    expect(found.options.workstreams.chosen).toEqual([]);
    expect(found.options.workstreams.candidates.options.map((o) => o.label.replace(/^\S+ /, ""))).toEqual(["Harbor programme 12"]);
    expect(found.draft?.title).toBe("Renamed");
  });
});

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { evidence } from "#db/schema";
import { db } from "~/db.server";
import { action as uploadAction } from "~/routes/evidence.new";
import { loader as downloadLoader } from "~/routes/evidence.$id.download";
import { auditFor } from "#test/support/delivery-factories";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { args, getRequest, settle } from "#test/support/requests";
import { evidenceDir, filesOnDisk, makeBoardReport, makeMeasure, publishBoardReport, tinyPdf, uploadRequest } from "./support";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const ciso = signedIn("ciso_office");

async function upload(query: string, file: { bytes: Uint8Array | string; name: string } | null, fields = {}, cookie = ciso.cookie) {
  return settle(() => uploadAction(args(uploadRequest(query, file, fields, cookie))));
}

async function download(id: number, cookie = ciso.cookie) {
  return (await settle(() => downloadLoader(args(getRequest(`/evidence/${id}/download`, cookie), { id: String(id) })))) as Response;
}

const rows = () => db.select().from(evidence).all();

beforeEach(() => {
  delete process.env.EVIDENCE_MAX_MB;
});

describe("uploading and downloading evidence", () => {
  it("returns the identical bytes, the stored hash and safe headers, and audits the upload with the hash", async () => {
    const measure = makeMeasure();
    const bytes = tinyPdf("MFA enrolment report");
    const res = (await upload(
      `parent=obligation&id=${measure.id}`,
      { bytes, name: "fido2-enrolment.pdf" },
      { title: "FIDO2 enrolment", expiresOn: "2027-10-01" },
    )) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/obligations/${measure.code}`);
    const [row] = rows().filter((r) => r.parentId === measure.id);
    expect(row).toMatchObject({ parentKind: "obligation", fileName: "fido2-enrolment.pdf", fileType: "pdf", sizeBytes: bytes.length, sha256: sha(bytes) });
    expect(fs.existsSync(path.join(evidenceDir, row!.sha256.slice(0, 2), row!.sha256))).toBe(true);
    expect(auditFor("evidence.upload", row!.id).map((e) => JSON.parse(e.after!).sha256)).toEqual([sha(bytes)]);

    const got = await download(row!.id);
    expect(got.status).toBe(200);
    const back = new Uint8Array(await got.arrayBuffer());
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    expect(sha(back)).toBe(row!.sha256);
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="fido2-enrolment.pdf"/);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(got.headers.get("repr-digest")).toBe(`sha-256=:${Buffer.from(sha(bytes), "hex").toString("base64")}:`);
  });

  it("refuses a file over EVIDENCE_MAX_MB with 413 and keeps nothing on disk or in the database", async () => {
    process.env.EVIDENCE_MAX_MB = "1";
    const measure = makeMeasure();
    const before = { files: filesOnDisk(), rows: rows().length, audit: auditFor("evidence.upload").length };
    const big = new Uint8Array(1024 * 1024 + 1).fill(0x41);
    const res = (await upload(`parent=obligation&id=${measure.id}`, { bytes: big, name: "big.txt" })) as Response;
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/at most 1 MB/);
    expect(filesOnDisk()).toEqual(before.files);
    expect(rows().length).toBe(before.rows);
    expect(auditFor("evidence.upload").length).toBe(before.audit);
  });

  it.each([
    ["a Windows executable renamed to .pdf", new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), "report.pdf", /Windows executable/],
    ["an HTML page renamed to .txt", "<!doctype html><html><body><script>fetch('/admin')</script></body></html>", "notes.txt", /HTML/],
  ])("refuses %s by its content, keeping nothing", async (_what, bytes, name, message) => {
    const measure = makeMeasure();
    const before = { files: filesOnDisk(), rows: rows().length };
    const res = await upload(`parent=obligation&id=${measure.id}`, { bytes, name });
    expect(res).not.toBeInstanceOf(Response);
    const body = res as unknown as { init: { status: number }; data: { errors: { file: string[] } } };
    expect(body.init.status).toBe(400);
    expect(body.data.errors.file[0]).toMatch(message);
    expect(filesOnDisk()).toEqual(before.files);
    expect(rows().length).toBe(before.rows);
  });

  it("keeps the first version when a second is uploaded, and refuses a third on top of the first", async () => {
    const measure = makeMeasure();
    const v1 = tinyPdf("assessment 2025");
    await upload(`parent=obligation&id=${measure.id}`, { bytes: v1, name: "assessment-2025.pdf" }, { title: "Annual assessment", evidenceDate: "2025-09-30" });
    const first = rows().find((r) => r.parentId === measure.id)!;
    const v2 = tinyPdf("assessment 2026");
    const res = (await upload(
      `previous=${first.id}`,
      { bytes: v2, name: "assessment-2026.pdf" },
      { title: "Annual assessment", evidenceDate: "2026-09-30" },
    )) as Response;
    expect(res.status).toBe(302);
    const second = rows().find((r) => r.previousId === first.id)!;
    expect(second).toMatchObject({ parentKind: "obligation", parentId: measure.id, sha256: sha(v2) });
    expect(db.select().from(evidence).where(eq(evidence.id, first.id)).get()).toEqual(first);
    const old = await download(first.id);
    expect(Buffer.from(await old.arrayBuffer()).equals(Buffer.from(v1))).toBe(true);
    const again = (await upload(`previous=${first.id}`, { bytes: tinyPdf("x"), name: "x.pdf" })) as Response;
    expect(again.status).toBe(409);
    expect(() => db.update(evidence).set({ title: "changed" }).where(eq(evidence.id, first.id)).run()).toThrow(/immutable/);
  });

  it("shows field errors for a missing title or an expiry before the evidence date, keeping nothing", async () => {
    const measure = makeMeasure();
    const before = filesOnDisk();
    const res = (await upload(
      `parent=obligation&id=${measure.id}`,
      { bytes: "a,b\n1,2\n", name: "x.csv" },
      { title: "", expiresOn: "2020-01-01" },
    )) as unknown as {
      init: { status: number };
      data: { errors: Record<string, string[]> };
    };
    expect(res.init.status).toBe(400);
    expect(Object.keys(res.data.errors).sort()).toEqual(["expiresOn", "title"]);
    expect(filesOnDisk()).toEqual(before);
  });
});

describe("who may read and add evidence", () => {
  it("gives a board member 404 for evidence of anything but a published board report", async () => {
    const board = signedIn("board");
    const measure = makeMeasure();
    const ws = makeWorkstream();
    const milestone = makeMilestone(ws.id);
    const report = makeBoardReport("draft");
    const draft = makeBoardReport("draft");
    for (const q of [
      `parent=obligation&id=${measure.id}`,
      `parent=milestone&id=${milestone.id}`,
      `parent=board_report&id=${report.id}`,
      `parent=board_report&id=${draft.id}`,
    ]) {
      expect(((await upload(q, { bytes: tinyPdf(q), name: "a.pdf" })) as Response).status).toBe(302);
    }
    publishBoardReport(report.id);
    const idOf = (kind: string, parentId: number) => rows().find((r) => r.parentKind === kind && r.parentId === parentId)!.id;

    const published = await download(idOf("board_report", report.id), board.cookie);
    expect(published.status).toBe(200);
    expect(Buffer.from(await published.arrayBuffer()).equals(Buffer.from(tinyPdf(`parent=board_report&id=${report.id}`)))).toBe(true);
    for (const id of [idOf("obligation", measure.id), idOf("milestone", milestone.id), idOf("board_report", draft.id)]) {
      expect((await download(id, board.cookie)).status).toBe(404);
    }
    // Staff read all of them; a board member cannot add to a published report, nor can anyone once it is approved.
    expect((await download(idOf("board_report", draft.id))).status).toBe(200);
    expect(((await upload(`parent=board_report&id=${report.id}`, { bytes: tinyPdf(), name: "b.pdf" }, {}, board.cookie)) as Response).status).toBe(403);
    expect(((await upload(`parent=board_report&id=${report.id}`, { bytes: tinyPdf(), name: "b.pdf" })) as Response).status).toBe(409);
  });

  it("lets a workstream lead add evidence to their own milestones only", async () => {
    const lead = signedIn("workstream_lead");
    const mine = makeMilestone(makeWorkstream({ ownerId: lead.user.id }).id);
    const theirs = makeMilestone(makeWorkstream().id);
    expect(((await upload(`parent=milestone&id=${mine.id}`, { bytes: tinyPdf("mine"), name: "m.pdf" }, {}, lead.cookie)) as Response).status).toBe(302);
    expect(((await upload(`parent=milestone&id=${theirs.id}`, { bytes: tinyPdf("theirs"), name: "t.pdf" }, {}, lead.cookie)) as Response).status).toBe(403);
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evidence } from "#db/schema";
import { db } from "~/db.server";
import { action as uploadAction } from "~/routes/evidence.new";
import { signedIn } from "#test/support/factories";
import { args, settle } from "#test/support/requests";
import { evidenceDir, filesOnDisk, makeMeasure, tinyPdf, uploadRequest } from "./support";

const root = path.resolve(import.meta.dirname, "../..");

function cli(argv: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bin/cli.ts", ...argv], {
    cwd: root,
    env: { ...process.env, EVIDENCE_DIR: evidenceDir, ...env },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ciso = signedIn("ciso_office");
async function uploadPdf(label: string) {
  const measure = makeMeasure();
  const res = (await settle(() =>
    uploadAction(args(uploadRequest(`parent=obligation&id=${measure.id}`, { bytes: tinyPdf(label), name: `${label}.pdf` }, {}, ciso.cookie))),
  )) as Response;
  expect(res.status).toBe(302);
  return db.select().from(evidence).all().at(-1)!;
}
const fileOf = (sha256: string) => path.join(evidenceDir, sha256.slice(0, 2), sha256);

describe("evidence:verify", () => {
  it("passes on intact files, then reports a file changed on disk and one gone missing, exiting 1", async () => {
    const a = await uploadPdf("scan-a");
    const b = await uploadPdf("scan-b");
    const ok = cli(["evidence:verify"]);
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Evidence intact: 2 file\(s\)/);

    fs.chmodSync(fileOf(a.sha256), 0o600);
    fs.appendFileSync(fileOf(a.sha256), "tampered");
    const changed = cli(["evidence:verify"]);
    expect(changed.code).toBe(1);
    expect(changed.err).toContain(`CHANGED  ${a.sha256} (evidence ${a.id})`);
    expect(changed.err).not.toContain(b.sha256);

    fs.rmSync(fileOf(b.sha256));
    const missing = cli(["evidence:verify"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`MISSING  ${b.sha256} (evidence ${b.id})`);
    expect(missing.err).toMatch(/2 of 2 evidence file\(s\) changed or missing/);
  });
});

describe("db:backup and db:restore carry the evidence files", () => {
  it("copies every file beside the backup and puts them back on restore, byte for byte", async () => {
    // The previous test damaged its files: start from a clean folder with fresh uploads.
    fs.rmSync(evidenceDir, { recursive: true, force: true });
    fs.mkdirSync(evidenceDir);
    const c = await uploadPdf("policy-c");
    const d = await uploadPdf("training-d");
    const originals = new Map([c, d].map((r) => [r.sha256, fs.readFileSync(fileOf(r.sha256))]));
    const backup = path.join(path.dirname(evidenceDir), `${path.basename(evidenceDir)}-backup`, "copy.db");
    // The earlier rows' files are gone, so this backup would carry a broken store: verify says so first.
    expect(cli(["evidence:verify"]).code).toBe(1);

    const made = cli(["db:backup", "--out", backup]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/Backed up 2 evidence file\(s\)/);
    for (const [sha256, bytes] of originals) expect(fs.readFileSync(path.join(`${backup}.evidence`, sha256.slice(0, 2), sha256)).equals(bytes)).toBe(true);

    fs.rmSync(evidenceDir, { recursive: true, force: true });
    expect(filesOnDisk()).toEqual([]);
    const restored = cli(["db:restore", "--from", backup]);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/Restored 2 evidence file\(s\)/);
    for (const [sha256, bytes] of originals) expect(fs.readFileSync(fileOf(sha256)).equals(bytes)).toBe(true);
    fs.rmSync(path.dirname(backup), { recursive: true, force: true });
  });
});

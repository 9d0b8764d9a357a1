import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "~/audit/log.server";
import { readCheckpoint } from "~/audit/checkpoint.server";
import { db } from "~/db.server";
import * as auditPage from "~/routes/admin.audit";
import { signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";
import { outcome } from "../admin/outcome";

const root = path.resolve(import.meta.dirname, "../..");
let admin: ReturnType<typeof signedIn>;
let ids: number[] = [];

const page = () => outcome(() => auditPage.loader(args(getRequest("/admin/audit", admin.cookie))));
const cli = (...extra: string[]) =>
  spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bin/cli.ts", "audit:verify", ...extra], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
    encoding: "utf8",
    timeout: 60_000,
  });

beforeAll(() => {
  admin = signedIn("admin");
  for (let i = 0; i < 12; i++) ids.push(writeAudit(db, { actorId: null }, { action: "test.ping", entity: "test", entityId: i }).id);
});

describe("a tamper before the checkpoint", () => {
  it("is left to the full audit:verify, which finds it and records it for the page", async () => {
    const intact = cli();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/^Audit trail intact: \d+ events verified\.$/m);
    const checkpoint = readCheckpoint(db)!;
    expect(checkpoint.brokenEventId).toBeNull();
    ids = (db.$client.prepare("SELECT id FROM audit_events ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
    expect(checkpoint.lastEventId).toBe(ids.at(-1));

    const victim = ids[3]!;
    const raw = new Database(process.env.DATABASE_PATH!);
    try {
      raw.exec("DROP TRIGGER audit_events_no_update");
      raw.prepare("UPDATE audit_events SET entity_id = 'rewritten' WHERE id = ?").run(victim);
    } finally {
      raw.close();
    }

    // Incremental checks do not re-read what the checkpoint covers: the page and --from-checkpoint still pass.
    expect((await page()).body.chain).toMatchObject({ ok: true });
    const incremental = cli("--from-checkpoint");
    expect(incremental.status).toBe(0);
    expect(incremental.stdout).toMatch(/events before the checkpoint were verified earlier/);

    const full = cli();
    expect(full.status).toBe(1);
    expect(full.stderr).toContain(`Audit trail broken at event ${victim}:`);
    expect(full.stderr).toMatch(/altered/);
    expect((await page()).body.chain).toMatchObject({ ok: false, brokenId: victim });
    // The break stays on record for incremental checks too, until a full walk passes.
    expect(cli("--from-checkpoint").status).toBe(1);
    // Four CLI processes: allow for a shared, busy machine.
  }, 180_000);
});

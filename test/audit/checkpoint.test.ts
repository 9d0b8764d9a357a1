import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "~/audit/log.server";
import { readCheckpoint, verifyFromCheckpoint } from "~/audit/checkpoint.server";
import { db } from "~/db.server";
import * as auditPage from "~/routes/admin.audit";
import { signedIn } from "#test/support/factories";
import { args, getRequest } from "#test/support/requests";
import { outcome } from "../admin/outcome";

let admin: ReturnType<typeof signedIn>;

const ping = (n: number) => {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(writeAudit(db, { actorId: null }, { action: "test.ping", entity: "test", entityId: i }).id);
  return ids;
};
const page = () => outcome(() => auditPage.loader(args(getRequest("/admin/audit", admin.cookie))));
// What an attacker with the database file could do: lift the append-only trigger and rewrite an event.
const alter = (id: number) => {
  const raw = new Database(process.env.DATABASE_PATH!);
  try {
    raw.exec("DROP TRIGGER IF EXISTS audit_events_no_update");
    raw.prepare("UPDATE audit_events SET entity_id = 'rewritten' WHERE id = ?").run(id);
  } finally {
    raw.close();
  }
};
const eventCount = () => (db.$client.prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n;

beforeAll(() => {
  admin = signedIn("admin");
});

describe("incremental verification from a checkpoint", () => {
  it("verifies in bounded steps, each continuing where the last stopped", async () => {
    ping(25);
    const total = eventCount();
    const first = await verifyFromCheckpoint(db, { maxEvents: 10, batch: 4 });
    expect(first.verdict).toEqual({ ok: true, count: 10 });
    expect(first.pending).toBe(total - 10);
    const ids = db.$client.prepare("SELECT id FROM audit_events ORDER BY id").all() as Array<{ id: number }>;
    expect(readCheckpoint(db)).toMatchObject({ lastEventId: ids[9]!.id, eventCount: 10, brokenEventId: null });

    const second = await verifyFromCheckpoint(db, { maxEvents: 10, batch: 3 });
    expect(second.verdict).toEqual({ ok: true, count: 20 });
    expect(readCheckpoint(db)!.lastEventId).toBe(ids[19]!.id);

    const rest = await verifyFromCheckpoint(db);
    expect(rest).toMatchObject({ verdict: { ok: true, count: total }, pending: 0, verifiedThroughId: ids.at(-1)!.id });
  });

  it("the page reads the checkpoint and verifies only what is new", async () => {
    const before = readCheckpoint(db)!;
    ping(3);
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.body.chain).toEqual({ ok: true, count: before.eventCount + 3 });
    expect(res.body.checkpoint).toMatchObject({ verifiedThroughId: readCheckpoint(db)!.lastEventId, pending: 0 });
    expect(readCheckpoint(db)!.eventCount).toBe(before.eventCount + 3);
  });

  it("a tamper after the checkpoint is found by the page; the page then keeps showing it", async () => {
    const fresh = ping(5);
    const victim = fresh[2]!;
    alter(victim);
    const res = await page();
    expect(res.body.chain).toMatchObject({ ok: false, brokenId: victim });
    expect(res.body.chain.reason).toMatch(/altered/);
    expect(readCheckpoint(db)).toMatchObject({ brokenEventId: victim, lastEventId: fresh[1] });
    expect((await page()).body.chain).toMatchObject({ ok: false, brokenId: victim });
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, engagements, risks, vendors, workstreams } from "#db/schema";
import { writeAudit } from "~/audit/log.server";
import { db } from "~/db.server";
import { makeMilestone, makeWorkstream } from "#test/support/factories";

const riskRow = (overrides: Partial<typeof risks.$inferInsert> = {}) => ({
  code: `R-${Math.floor(Math.random() * 1e6)}`,
  title: "Test risk",
  category: "Identity",
  csfFunction: "protect" as const,
  inherentLikelihood: 4,
  inherentImpact: 5,
  currentLikelihood: 3,
  currentImpact: 4,
  targetLikelihood: 2,
  targetImpact: 3,
  inherentLevel: "critical" as const,
  currentLevel: "high" as const,
  targetLevel: "medium" as const,
  treatment: "mitigate" as const,
  ...overrides,
});

describe("database rules", () => {
  it("runs with WAL, foreign keys, a busy timeout and durable commits", () => {
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2); // FULL
  });

  it("refuses to delete a workstream that still has milestones", () => {
    const ws = makeWorkstream();
    makeMilestone(ws.id);
    expect(() => db.delete(workstreams).where(eq(workstreams.id, ws.id)).run()).toThrow(/FOREIGN KEY/);
    expect(db.select().from(workstreams).where(eq(workstreams.id, ws.id)).get()).toBeDefined();
  });

  it("deletes a workstream without milestones", () => {
    const ws = makeWorkstream();
    db.delete(workstreams).where(eq(workstreams.id, ws.id)).run();
    expect(db.select().from(workstreams).where(eq(workstreams.id, ws.id)).get()).toBeUndefined();
  });

  it("rejects a duplicate workstream code", () => {
    makeWorkstream({ code: "WS-DUP" });
    expect(() => makeWorkstream({ code: "WS-DUP" })).toThrow(/UNIQUE/);
  });

  it.each([0, 6])("rejects a likelihood of %i", (likelihood) => {
    expect(() =>
      db
        .insert(risks)
        .values(riskRow({ currentLikelihood: likelihood }))
        .run(),
    ).toThrow(/CHECK/);
  });

  it("accepts a likelihood at the edges of the scale", () => {
    expect(() =>
      db
        .insert(risks)
        .values(riskRow({ currentLikelihood: 1, inherentLikelihood: 5 }))
        .run(),
    ).not.toThrow();
  });

  it("rejects negative money", () => {
    const vendor = db.insert(vendors).values({ name: "Negative Vendor" }).returning().get();
    const engagement = (cents: number, sow: string) =>
      db
        .insert(engagements)
        .values({
          vendorId: vendor.id,
          title: "x",
          kind: "advisory",
          sowReference: sow,
          startDate: "2022-01-01",
          endDate: "2022-02-01",
          contractValueCents: cents,
        })
        .run();
    expect(() => engagement(-1, "SOW-NEG")).toThrow(/CHECK/);
    expect(() => engagement(0, "SOW-ZERO")).not.toThrow();
  });

  it("refuses to update or delete audit events", () => {
    const { id } = writeAudit(db, { actorId: null }, { action: "test.event", entity: "test" });
    expect(() => db.update(auditEvents).set({ action: "changed" }).where(eq(auditEvents.id, id)).run()).toThrow(/append-only/);
    expect(() => db.delete(auditEvents).where(eq(auditEvents.id, id)).run()).toThrow(/append-only/);
  });
});

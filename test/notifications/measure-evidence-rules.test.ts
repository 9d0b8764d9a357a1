import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { evidence, measures, obligations, users } from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { evidenceExpiryRule } from "~/notifications/rules/evidence-expiry.server";
import { measureValueMissingRule } from "~/notifications/rules/measure-value-missing.server";
import { addDays } from "~/money/fiscal";
import { TODAY } from "#test/support/today";

const setting = { enabled: true, days: 30, repeatDays: 7 };
let ciso: number;

beforeAll(async () => {
  await seedDemo(db, { today: TODAY });
  ciso = db.select({ id: users.id }).from(users).where(eq(users.role, "ciso_office")).get()!.id;
}, 180_000);

describe("the outcome-measure rule", () => {
  it("reminds the owner and the CISO office of the demo's missing retention value, and of nothing on track", () => {
    const items = measureValueMissingRule.evaluate({ db, today: TODAY, setting });
    const retention = db.select().from(measures).where(eq(measures.key, "RETENTION-PURGED")).get()!;
    const item = items.find((i) => i.subjectKey.startsWith(`measure:${retention.id}:`));
    expect(item).toBeDefined();
    expect(item!.title).toMatch(/^Measure RETENTION-PURGED .*: no value for 2026-10/);
    expect(item!.link).toBe("/measures/RETENTION-PURGED");
    expect(item!.audience).toContain(ciso);
    // A measure with every value filed is not reminded of.
    const filed = db.select().from(measures).where(eq(measures.key, "VULN-CRIT-TTR")).get()!;
    expect(items.some((i) => i.subjectKey.startsWith(`measure:${filed.id}:`))).toBe(false);
  });
});

describe("the evidence-expiry rule", () => {
  function upload(title: string, expiresOn: string | null, previousId: number | null = null) {
    const ob = db.select().from(obligations).limit(1).get()!;
    return db
      .insert(evidence)
      .values({
        parentKind: "obligation",
        parentId: ob.id,
        title,
        evidenceDate: addDays(TODAY, -300),
        expiresOn,
        fileName: `${title}.pdf`,
        fileType: "pdf",
        sizeBytes: 1000,
        sha256: "a".repeat(63) + String(title.length % 10),
        uploadedById: ciso,
        uploadedAt: new Date(Date.parse(`${TODAY}T00:00:00Z`) - 86_400_000).toISOString(),
        previousId,
      })
      .returning()
      .get();
  }

  it("says due within the window, overdue once expired, and nothing for evidence renewed by a newer version", () => {
    const soon = upload("Pen test letter", addDays(TODAY, 10));
    const later = upload("Annual SOC report", addDays(TODAY, 90));
    const lapsed = upload("Vendor certificate", addDays(TODAY, -3));
    const renewedOld = upload("Training records", addDays(TODAY, -20));
    upload("Training records 2026", addDays(TODAY, 340), renewedOld.id);
    const items = new Map(evidenceExpiryRule.evaluate({ db, today: TODAY, setting }).map((i) => [i.subjectKey, i]));
    expect(items.get(`evidence:${soon.id}`)).toMatchObject({ urgency: "due", dueDate: addDays(TODAY, 10) });
    expect(items.get(`evidence:${soon.id}`)!.link).toMatch(/^\/obligations\//);
    expect(items.get(`evidence:${lapsed.id}`)).toMatchObject({ urgency: "overdue" });
    expect(items.get(`evidence:${lapsed.id}`)!.title).toMatch(/expired on/);
    expect(items.has(`evidence:${later.id}`)).toBe(false);
    expect(items.has(`evidence:${renewedOld.id}`)).toBe(false);
    expect(items.get(`evidence:${soon.id}`)!.audience).toContain(ciso);
  });
});

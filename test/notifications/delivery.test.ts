import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "#db/schema";
import { db } from "~/db.server";
import { mailConfig } from "~/mail/config.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { smtpTransport } from "~/mail/transport.server";
import { CLAIM_LEASE_MS, claimNext, deliverOutbox } from "~/notifications/worker.server";
import { startSmtpServer } from "./smtp-server";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

function config() {
  const mail = mailConfig({ SMTP_URL: smtp.url, MAIL_FROM: "Rampart <rampart@test.example>", APP_ORIGIN: undefined });
  if (!mail.enabled) throw new Error("mail should be on");
  return mail;
}

async function deliver(now = new Date()) {
  const mail = config();
  const transport = smtpTransport(mail);
  try {
    return await deliverOutbox(db, { transport, from: mail.from, smtpUrl: mail.url, now: () => now });
  } finally {
    transport.close();
  }
}

const queue = (to: string, subject: string, extra: { sensitive?: boolean } = {}) =>
  enqueueEmail(db, { kind: "reminder", userId: null, to, subject, text: `Plain text for ${subject}`, html: `<p>HTML for ${subject}</p>`, ...extra });

describe("the outbox worker against a real SMTP server", () => {
  it("delivers each message once, to its recipient, with both parts and its Message-ID", async () => {
    smtp.received.length = 0;
    const a = queue("lead@test.example", "Report overdue");
    const b = queue("ciso@test.example", "Milestone overdue");
    const report = await deliver();
    expect(report.sent.map((s) => s.to).sort()).toEqual(["ciso@test.example", "lead@test.example"]);
    expect(smtp.received).toHaveLength(2);
    const toLead = smtp.received.find((m) => m.to.includes("lead@test.example"))!;
    expect(toLead.to).toEqual(["lead@test.example"]);
    expect(toLead.from).toBe("rampart@test.example");
    expect(toLead.subject).toBe("Report overdue");
    expect(toLead.messageId).toBe(a.messageId);
    expect(toLead.body).toContain("Plain text for Report overdue");
    expect(toLead.body).toContain("<p>HTML for Report overdue</p>");
    expect(smtp.received.find((m) => m.to.includes("ciso@test.example"))!.messageId).toBe(b.messageId);

    // A second run finds nothing to send.
    expect((await deliver()).sent).toHaveLength(0);
    expect(smtp.received).toHaveLength(2);
  });

  it("retries a message the server refuses, with backoff, and sends it once accepted", async () => {
    smtp.received.length = 0;
    const { messageId } = queue("exec@test.example", "Board report awaits approval");
    smtp.refuseNext(1);
    const t0 = new Date();
    const first = await deliver(t0);
    expect(first).toMatchObject({ sent: [], retried: 1, failed: 0 });
    const row = db.select().from(outbox).where(eq(outbox.messageId, messageId)).get()!;
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(row.lastError).toContain("451");
    expect(row.lastError).not.toContain(smtp.password);
    expect(Date.parse(row.nextAttemptAt)).toBeGreaterThan(t0.getTime());

    // Before the backoff has passed nothing is tried.
    expect((await deliver(t0)).sent).toHaveLength(0);
    const later = new Date(Date.parse(row.nextAttemptAt) + 1000);
    const second = await deliver(later);
    expect(second.sent.map((s) => s.to)).toEqual(["exec@test.example"]);
    expect(smtp.received.filter((m) => m.messageId === messageId)).toHaveLength(1);
  });

  it("gives a message up after the last attempt and keeps why", async () => {
    const { messageId } = queue("gone@test.example", "Never accepted");
    smtp.refuseNext(100);
    let now = new Date();
    for (let i = 0; i < 6; i++) {
      await deliver(now);
      now = new Date(now.getTime() + 5 * 60 * 60 * 1000);
    }
    smtp.refuseNext(0);
    const row = db.select().from(outbox).where(eq(outbox.messageId, messageId)).get()!;
    expect(row).toMatchObject({ state: "failed", attempts: 6 });
    expect(await deliver(new Date(now.getTime() + 24 * 3600 * 1000))).toMatchObject({ sent: [] });
  });

  it("a worker that dies between claiming and sending neither loses nor duplicates the message", async () => {
    smtp.received.length = 0;
    const { messageId } = queue("owner@test.example", "Acceptance expired");
    const t0 = new Date();
    // The first worker claims it and dies before sending (nothing else happens on its side).
    const claimed = claimNext(db, t0);
    expect(claimed?.messageId).toBe(messageId);
    // While the claim is live no other worker takes it: the first might still be sending.
    expect((await deliver(new Date(t0.getTime() + 60_000))).sent).toHaveLength(0);
    expect(smtp.received).toHaveLength(0);
    // Once the lease has run out, the next worker sends it, once.
    const after = new Date(t0.getTime() + CLAIM_LEASE_MS + 1000);
    expect((await deliver(after)).sent.map((s) => s.to)).toEqual(["owner@test.example"]);
    expect((await deliver(new Date(after.getTime() + CLAIM_LEASE_MS * 2))).sent).toHaveLength(0);
    expect(smtp.received.map((m) => m.messageId)).toEqual([messageId]);
  });

  it("blanks the body of a message holding a one-time link once it is sent", async () => {
    const { messageId } = queue("invitee@test.example", "You are invited", { sensitive: true });
    await deliver();
    const row = db.select().from(outbox).where(eq(outbox.messageId, messageId)).get()!;
    expect(row).toMatchObject({ state: "sent", textBody: "", htmlBody: "" });
    expect(smtp.received.find((m) => m.messageId === messageId)?.body).toContain("Plain text for You are invited");
  });

  it("a wrong SMTP password is a failure to retry whose stored error does not contain the password", async () => {
    const { messageId } = queue("x@test.example", "Wrong credentials");
    const bad = mailConfig({
      SMTP_URL: smtp.url.replace(encodeURIComponent(smtp.password), "wrong-pw-123"),
      MAIL_FROM: "r@test.example",
      APP_ORIGIN: undefined,
    });
    if (!bad.enabled) throw new Error("mail should be on");
    const transport = smtpTransport(bad);
    const report = await deliverOutbox(db, { transport, from: bad.from, smtpUrl: bad.url });
    transport.close();
    expect(report.retried).toBeGreaterThanOrEqual(1);
    const row = db.select().from(outbox).where(eq(outbox.messageId, messageId)).get()!;
    expect(row.state).toBe("pending");
    expect(row.lastError ?? "").not.toContain("wrong-pw-123");
    expect(bad.server).not.toContain("wrong-pw-123");
  });
});

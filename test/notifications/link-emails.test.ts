import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notificationPreferences, outbox } from "#db/schema";
import { inviteUser } from "~/admin/invitations.server";
import { issuePasswordReset } from "~/admin/password-resets.server";
import { db } from "~/db.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index";
import { ensureProgram } from "../support/risk-factories";
import { makeUser, signedIn } from "../support/factories";
import { args, getRequest, postRequest, settle } from "../support/requests";

// Email on for this file: getEnv() reads the environment at its first call, after this line.
process.env.SMTP_URL = "smtp://mailer:pw-in-url@127.0.0.1:2525";
process.env.MAIL_FROM = "Rampart <rampart@test.example>";

describe("invitations and password resets with SMTP configured", () => {
  it("queue the link by email in the same transaction, and still hand it to the administrator", () => {
    const admin = makeUser({ role: "admin" });
    const invited = inviteUser(db, { email: "new.lead@test.example", name: "New Lead", role: "workstream_lead" }, { actorId: admin.id });
    expect(invited.emailed).toBe(true);
    const mail = db.select().from(outbox).where(eq(outbox.toAddress, "new.lead@test.example")).get()!;
    expect(mail).toMatchObject({ kind: "invitation", sensitive: true, state: "pending", subject: "You are invited to Rampart" });
    expect(mail.textBody).toContain(`/invite?token=${encodeURIComponent(invited.token)}`);

    const member = makeUser({ role: "executive", passwordHash: "x" });
    const reset = issuePasswordReset(db, { userId: member.id }, { actorId: admin.id });
    expect(reset.emailed).toBe(true);
    const resetMail = db.select().from(outbox).where(eq(outbox.toAddress, member.email)).get()!;
    expect(resetMail.kind).toBe("password_reset");
    expect(resetMail.htmlBody).toContain(`/reset-password?token=${encodeURIComponent(reset.token)}`);
  });
});

describe("email preferences on /account", () => {
  it("save the mode and time zone, refuse an unknown zone beside its field, and refuse a stale version", async () => {
    ensureProgram();
    const me = signedIn("workstream_lead");
    const page = await settle(() => accountLoader(args(getRequest("/account", me.cookie)) as never));
    expect(page).toMatchObject({ notificationPreferences: { emailMode: "daily", timeZone: null, version: 0, emailEnabled: true } });

    const bad = await settle(() =>
      accountAction(
        args(postRequest("/account", { intent: "notification-preferences", emailMode: "weekly", timeZone: "Mars/Olympus", version: "0" }, me.cookie)) as never,
      ),
    );
    expect((bad as { init: { status: number } }).init.status).toBe(400);
    expect(JSON.stringify(bad)).toContain("Not a known time zone");

    const ok = await settle(() =>
      accountAction(
        args(postRequest("/account", { intent: "notification-preferences", emailMode: "weekly", timeZone: "Europe/London", version: "0" }, me.cookie)) as never,
      ),
    );
    expect((ok as Response).status).toBe(302);
    expect(db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, me.user.id)).get()).toMatchObject({
      emailMode: "weekly",
      timeZone: "Europe/London",
      version: 1,
    });

    const stale = await settle(() =>
      accountAction(args(postRequest("/account", { intent: "notification-preferences", emailMode: "off", timeZone: "", version: "0" }, me.cookie)) as never),
    );
    expect((stale as { init: { status: number } }).init.status).toBe(409);
    expect(db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, me.user.id)).get()?.emailMode).toBe("weekly");
  });
});

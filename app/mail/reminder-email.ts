import type { NotificationUrgency } from "#db/schema/notifications";
import { escapeHtml, htmlDocument } from "./html";

export type EmailItem = { title: string; link: string; urgency: NotificationUrgency; dueDate: string | null };

const HEADINGS: Record<NotificationUrgency, string> = { overdue: "Overdue", due: "Due soon" };

/** Absolute link back into Rampart (APP_ORIGIN, or the loopback origin). */
const absolute = (origin: string, path: string) => `${origin}${path.startsWith("/") ? path : `/${path}`}`;

/** One reminder, as it happens (users who chose "immediate"). */
export function reminderEmail(origin: string, recipient: { name: string }, item: EmailItem) {
  const url = absolute(origin, item.link);
  const subject = `${item.urgency === "overdue" ? "Overdue" : "Reminder"}: ${item.title}`;
  const text = `Hello ${recipient.name},\n\n${item.title}.\n\nOpen it in Rampart: ${url}\n\nAll your reminders: ${absolute(origin, "/notifications")}\n`;
  const html = htmlDocument(
    subject,
    `<p>Hello ${escapeHtml(recipient.name)},</p><p>${escapeHtml(item.title)}.</p><p><a href="${escapeHtml(url)}">Open it in Rampart</a> · <a href="${escapeHtml(absolute(origin, "/notifications"))}">All your reminders</a></p>`,
  );
  return { subject, text, html };
}

/**
 * A digest: every open item, overdue first, then due soon (each by due date),
 * dated in the recipient's own time zone. Items carry only what the
 * recipient's role may see: the rules never give anyone else's view.
 */
export function digestEmail(origin: string, recipient: { name: string }, items: EmailItem[], localDay: string, period: "daily" | "weekly") {
  const groups = (["overdue", "due"] as const).map((u) => ({ urgency: u, items: items.filter((i) => i.urgency === u) })).filter((g) => g.items.length);
  const overdue = items.filter((i) => i.urgency === "overdue").length;
  const subject = `Rampart ${period} digest for ${localDay}: ${overdue} overdue, ${items.length - overdue} due soon`;
  const text = [
    `Hello ${recipient.name},`,
    "",
    `What needs your attention in Rampart as of ${localDay}:`,
    ...groups.flatMap((g) => ["", `${HEADINGS[g.urgency]} (${g.items.length})`, ...g.items.map((i) => `- ${i.title}\n  ${absolute(origin, i.link)}`)]),
    "",
    `All your reminders: ${absolute(origin, "/notifications")}`,
    `Change how often you get this: ${absolute(origin, "/account#notifications")}`,
    "",
  ].join("\n");
  const html = htmlDocument(
    subject,
    `<p>Hello ${escapeHtml(recipient.name)},</p><p>What needs your attention in Rampart as of ${escapeHtml(localDay)}:</p>` +
      groups
        .map(
          (g) =>
            `<h2 style="font-size:16px">${HEADINGS[g.urgency]} (${g.items.length})</h2><ul>${g.items
              .map((i) => `<li><a href="${escapeHtml(absolute(origin, i.link))}">${escapeHtml(i.title)}</a></li>`)
              .join("")}</ul>`,
        )
        .join("") +
      `<p><a href="${escapeHtml(absolute(origin, "/notifications"))}">All your reminders</a> · <a href="${escapeHtml(absolute(origin, "/account#notifications"))}">Email preferences</a></p>`,
  );
  return { subject, text, html };
}

/** An invitation or password-reset link: the one-time link itself is the message. */
export function linkEmail(kind: "invitation" | "password_reset", recipient: { name: string }, link: string, expiresAt: string) {
  const subject = kind === "invitation" ? "You are invited to Rampart" : "Set a new Rampart password";
  const lead =
    kind === "invitation"
      ? "An administrator created a Rampart account for you. Choose your password with this link"
      : "An administrator issued a link with which you can set a new Rampart password. Using it ends your other sessions";
  const text = `Hello ${recipient.name},\n\n${lead} (it works once, until ${expiresAt} UTC):\n\n${link}\n\nIf you did not expect this message, tell your administrator.\n`;
  const html = htmlDocument(
    subject,
    `<p>Hello ${escapeHtml(recipient.name)},</p><p>${escapeHtml(lead)} (it works once, until ${escapeHtml(expiresAt)} UTC):</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>If you did not expect this message, tell your administrator.</p>`,
  );
  return { subject, text, html };
}

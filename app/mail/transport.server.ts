import nodemailer from "nodemailer";
import type { MailConfig } from "./config.server";

/** What the worker needs of a mail transport; tests may pass one that fails on purpose. */
export type MailTransport = {
  send(message: { messageId: string; from: string; to: string; subject: string; text: string; html: string }): Promise<void>;
  close(): void;
};

// Every wait is far shorter than the claim lease (worker.server.ts), so a send
// still running when its lease ends, and so claimable by another worker, cannot happen.
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * SMTP through nodemailer from SMTP_URL: smtp:// upgrades with STARTTLS
 * whenever the server offers it (nodemailer's default), smtps:// is TLS from
 * the first byte. Certificates are verified.
 */
export function smtpTransport(config: Extract<MailConfig, { enabled: true }>): MailTransport {
  const transporter = nodemailer.createTransport({ url: config.url, ...TIMEOUTS });
  return {
    async send(m) {
      await transporter.sendMail({ messageId: m.messageId, from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    close: () => transporter.close(),
  };
}

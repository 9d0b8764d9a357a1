import { type Env, getEnv } from "~/env.server";

export type MailConfig =
  | { enabled: false }
  | {
      enabled: true;
      /** The full SMTP_URL, password included: handed to the transport only, never logged or shown. */
      url: string;
      from: string;
      /** What may be shown: scheme, host, port and user name, without the password. */
      server: string;
    };

/** The SMTP server as an administrator may see it: the password never leaves the environment. */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
    return `${u.protocol}//${user}${u.hostname}${u.port ? `:${u.port}` : ""}`;
  } catch {
    return "(unreadable SMTP_URL)";
  }
}

/** Removes the SMTP password (raw and URL-encoded) from a text that may be logged or stored, such as a server's error. */
export function redactSmtpSecret(text: string, url: string | undefined): string {
  if (!url) return text;
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return text;
  }
  if (!password) return text;
  let out = text;
  for (const p of new Set([password, decodeURIComponent(password)])) if (p) out = out.split(p).join("***");
  return out;
}

/**
 * Email is on when SMTP_URL is set. MAIL_FROM defaults to an address on
 * APP_ORIGIN's host, so a message never claims a domain we were not given.
 */
export function mailConfig(env: Pick<Env, "SMTP_URL" | "MAIL_FROM" | "APP_ORIGIN"> = getEnv()): MailConfig {
  if (!env.SMTP_URL) return { enabled: false };
  const host = env.APP_ORIGIN ? new URL(env.APP_ORIGIN).hostname : "localhost";
  return { enabled: true, url: env.SMTP_URL, from: env.MAIL_FROM ?? `Rampart <rampart@${host}>`, server: describeSmtpUrl(env.SMTP_URL) };
}

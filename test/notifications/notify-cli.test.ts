import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer } from "./smtp-server";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-notify-"));
const dbFile = path.join(dir, "demo.db");
const run = promisify(execFile);

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

// Asynchronous, so the SMTP server in this process can answer the CLI while it runs.
async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bin/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: dbFile, APP_ORIGIN: "https://rampart.example.com", ...env },
      encoding: "utf8",
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

const rows = <T>(query: string) => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  const seeded = await cli(["db:seed-demo"]);
  expect(seeded.code).toBe(0);
}, 300_000);

afterAll(async () => {
  await smtp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run cli -- notify:run on the demo programme", () => {
  it("--dry-run lists what a CISO office expects today, and writes and sends nothing", async () => {
    const r = await cli(["notify:run", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Email is off");
    expect(r.out).toMatch(/dry run: nothing written or sent/);
    // Reports due or overdue, overdue milestones, expired acceptances, reviews overdue.
    expect(r.out).toMatch(/monthly_report \(\d+\):/);
    expect(r.out).toMatch(/status report is (overdue|due by)/);
    expect(r.out).toMatch(/milestone_due \(\d+\):[\s\S]*\[overdue\] Milestone M-/);
    expect(r.out).toMatch(/acceptance_expiry \(\d+\):[\s\S]*its acceptance has expired/);
    expect(r.out).toMatch(/risk_review \(\d+\):[\s\S]*its review was due on/);
    // Nobody on the board hears of programme rows.
    expect(r.out).not.toMatch(/\(board\)/);
    expect(rows("select id from notifications")).toEqual([]);
    expect(rows("select id from outbox")).toEqual([]);
  }, 180_000);

  it("a real run with SMTP sends digests once; running it again sends nothing", async () => {
    const env = { SMTP_URL: smtp.url, MAIL_FROM: "Rampart <rampart@rampart.example.com>" };
    const first = await cli(["notify:run", "--digest"], env);
    expect(first.code).toBe(0);
    expect(first.out + first.err).not.toContain(smtp.password);
    const sent = smtp.received.length;
    expect(sent).toBeGreaterThan(0);
    const recipients = smtp.received.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    const roles = rows<{ email: string; role: string }>("select email, role from users");
    const roleOf = new Map(roles.map((u) => [u.email, u.role]));
    expect(recipients.some((to) => roleOf.get(to) === "board")).toBe(false);
    const digest = smtp.received.find((m) => roleOf.get(m.to[0]!) === "ciso_office")!;
    expect(digest.subject).toMatch(/^Rampart daily digest for \d{4}-\d{2}-\d{2}: \d+ overdue/);
    expect(digest.body).toContain("https://rampart.example.com/");
    expect(digest.raw).toMatch(/Content-Type: text\/plain/i);
    expect(digest.raw).toMatch(/Content-Type: text\/html/i);

    const second = await cli(["notify:run", "--digest"], env);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/Sent 0;/);
    expect(smtp.received.length).toBe(sent);
    // Per role in the centre's table: leads and the CISO office have items, board members none.
    const byRole = rows<{ role: string; n: number }>(
      "select u.role as role, count(*) as n from notifications n join users u on u.id = n.user_id where n.resolved_at is null group by u.role",
    );
    expect(byRole.find((r) => r.role === "workstream_lead")?.n).toBeGreaterThan(0);
    expect(byRole.find((r) => r.role === "ciso_office")?.n).toBeGreaterThan(0);
    expect(byRole.find((r) => r.role === "board")).toBeUndefined();
  }, 180_000);
});

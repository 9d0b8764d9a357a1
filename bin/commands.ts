import fs from "node:fs";
import { z } from "zod";
import { openDatabase } from "#db/connection";
import { backupDatabase, restoreDatabase } from "#db/backup";
import { migrateDatabase } from "#db/migrate";
import { DEMO_TIME_ZONE, seedDemo } from "#db/seed/demo";
import { MAX_FACTOR, seedScale } from "#db/seed/scale";
import { dayIn } from "~/time/zone";
import { isDatabaseEmpty } from "#db/seed/status";
import { verifyAllAndRecord, verifyFromCheckpoint } from "~/audit/checkpoint.server";
import { loadKeyring } from "~/auth/secret-keys.server";
import { prepareSecretsAtRest, rotateSecrets } from "~/auth/secrets-at-rest.server";
import { EmailSchema } from "~/users/user-schemas";
import { createUser, DuplicateEmailError } from "~/users/create-user.server";
import { NewUserSchema } from "~/users/new-user-schema.server";
import { printCredentials } from "./print-credentials";

type Values = Record<string, string | boolean | undefined>;
type Helpers = { usageError: (message: string) => Error; positionals: string[] };
export type Command = {
  summary: string;
  usage?: string;
  options?: Record<string, { type: "string" | "boolean" }>;
  /** Whether the command takes bare arguments (a file name). */
  positionals?: boolean;
  run: (values: Values, helpers: Helpers) => Promise<number>;
};

const databasePath = () => process.env.DATABASE_PATH || "data/rampart.db";

function openMigrated() {
  const db = openDatabase(databasePath());
  try {
    migrateDatabase(db);
    // SQL cannot encrypt: secrets from before they were sealed are sealed here, and a wrong key stops the command.
    prepareSecretsAtRest(db, () => loadKeyring(process.env, { generate: true, log: (line) => console.log(line) }).keyring);
  } catch (error) {
    db.$client.close();
    throw error;
  }
  return db;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write("Password (input is not hidden; prefer piping it): ");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

const IsoDate = z.iso.date();

export const COMMANDS: Record<string, Command> = {
  help: { summary: "Show this help.", run: async () => 0 },
  "db:migrate": {
    summary: "Apply pending migrations to the database.",
    run: async () => {
      openMigrated().$client.close();
      console.log(`Migrated ${databasePath()}.`);
      return 0;
    },
  },
  "db:seed-demo": {
    summary: "Load the demo programme into an empty database.",
    usage: "[--reset] deletes the database file first; [--today YYYY-MM-DD] pins the demo's today",
    options: { reset: { type: "boolean" }, today: { type: "string" } },
    run: async (values, { usageError }) => {
      const today = values.today === undefined ? dayIn(new Date(), DEMO_TIME_ZONE) : String(values.today);
      if (!IsoDate.safeParse(today).success) throw usageError(`--today must be a date like 2026-11-24, not "${today}".`);
      const file = databasePath();
      if (values.reset) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      const db = openMigrated();
      try {
        if (!isDatabaseEmpty(db)) throw usageError(`${file} already holds data; pass --reset to replace it with the demo.`);
        const { credentials, counts } = await seedDemo(db, { today });
        console.log(
          `Loaded the demo programme as of ${today}: ${Object.entries(counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(", ")}.`,
        );
        printCredentials(credentials);
      } finally {
        db.$client.close();
      }
      return 0;
    },
  },
  "db:seed-scale": {
    summary: "Load the demo programme multiplied K times (for benchmarks) into an empty database.",
    usage: `--factor K (1–${MAX_FACTOR}) [--today YYYY-MM-DD] [--audit N] also writes N chained audit events [--reset]`,
    options: { factor: { type: "string" }, today: { type: "string" }, audit: { type: "string" }, reset: { type: "boolean" } },
    run: async (values, { usageError }) => {
      const factor = Number(values.factor);
      if (!/^\d+$/.test(String(values.factor ?? "")) || factor < 1 || factor > MAX_FACTOR)
        throw usageError(`--factor must be a whole number from 1 to ${MAX_FACTOR}.`);
      const auditEvents = values.audit === undefined ? 0 : Number(values.audit);
      if (!/^\d+$/.test(String(values.audit ?? "0")) || auditEvents > 10_000_000)
        throw usageError("--audit must be a whole number of events up to 10,000,000.");
      const today = values.today === undefined ? dayIn(new Date(), DEMO_TIME_ZONE) : String(values.today);
      if (!IsoDate.safeParse(today).success) throw usageError(`--today must be a date like 2026-11-24, not "${today}".`);
      const file = databasePath();
      if (values.reset) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      const db = openMigrated();
      try {
        if (!isDatabaseEmpty(db)) throw usageError(`${file} already holds data; pass --reset to replace it.`);
        const started = Date.now();
        const result = await seedScale(db, { factor, today, auditEvents });
        const total = (t: string) => db.$client.prepare(`select count(*) as n from "${t}"`).get() as { n: number };
        const summary = ["workstreams", "milestones", "status_reports", "actuals", "risks", "risk_assessments", "audit_events"].map(
          (t) => `${total(t).n} ${t}`,
        );
        console.log(`Loaded the demo programme ×${factor} as of ${today} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.join(", ")}.`);
        printCredentials(result.credentials);
      } finally {
        db.$client.close();
      }
      return 0;
    },
  },
  "user:create": {
    summary: "Create an account; the password is read from standard input.",
    usage: "--email E --name N --role admin|ciso_office|workstream_lead|executive|board",
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
    run: async (values, { usageError }) => {
      for (const required of ["email", "name", "role"]) if (typeof values[required] !== "string") throw usageError(`--${required} is required.`);
      const password = await readStdin();
      const parsed = NewUserSchema.safeParse({ ...values, password });
      if (!parsed.success) throw usageError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const db = openMigrated();
      try {
        const user = await createUser(db, parsed.data, { actorId: null, requestId: "cli" });
        console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
      } catch (error) {
        if (error instanceof DuplicateEmailError) throw usageError(error.message);
        throw error;
      } finally {
        db.$client.close();
      }
      return 0;
    },
  },
  "user:reset-password": {
    summary: "Print a one-time link (valid one hour) with which an active user sets a new password; it also lifts their sign-in locks.",
    usage: "--email E",
    options: { email: { type: "string" } },
    run: async (values, { usageError }) => {
      const email = EmailSchema.safeParse(values.email);
      if (!email.success) throw usageError("--email must be the account's email address.");
      // Loaded here, not at the top: the session and throttle modules behind it would slow every other command's start.
      const { findUserIdByEmail, issuePasswordReset, passwordResetLink } = await import("~/admin/password-resets.server");
      const { UserChangeRefused } = await import("~/admin/users.server");
      const db = openMigrated();
      try {
        const userId = findUserIdByEmail(db, email.data);
        if (userId === null) throw usageError(`No account has the email ${email.data}.`);
        const issued = issuePasswordReset(db, { userId }, { actorId: null, requestId: "cli" });
        console.log(`Password-reset link for ${issued.name} <${issued.email}>, valid once until ${issued.expiresAt}:\n  ${passwordResetLink(issued.token)}`);
      } catch (error) {
        if (error instanceof UserChangeRefused) throw usageError(error.message);
        throw error;
      } finally {
        db.$client.close();
      }
      return 0;
    },
  },
  "security:check": {
    summary: "Report weak deployment settings; exits 1 when any is found in production (the default, as for npm start).",
    run: async () => {
      const { securityFindings } = await import("~/deployment/security-check.server");
      const { loadEnv } = await import("~/env.server");
      // The same defaults as `npm start`, so the check describes the server that would run.
      const env = loadEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" });
      const findings = securityFindings(env, Boolean(process.env.RAMPART_SECRET_KEY));
      console.log(`Security check for NODE_ENV=${env.NODE_ENV}, HOST=${env.HOST}, PORT=${env.PORT}, APP_ORIGIN=${env.APP_ORIGIN ?? "(not set)"}`);
      for (const f of findings) console.log(`  ${f.level === "weak" ? "WEAK" : "note"}  ${f.message}`);
      const weak = findings.filter((f) => f.level === "weak").length;
      if (weak === 0) {
        console.log("No weak settings found.");
        return 0;
      }
      console.log(`${weak} weak setting${weak === 1 ? "" : "s"} found.${env.NODE_ENV === "production" ? "" : " (Not production: reported only.)"}`);
      return env.NODE_ENV === "production" ? 1 : 0;
    },
  },
  "db:backup": {
    summary: "Write a consistent, verified copy of the database (safe while the server runs).",
    usage: "--out FILE (must not exist)",
    options: { out: { type: "string" } },
    run: async (values, { usageError }) => {
      if (typeof values.out !== "string" || !values.out) throw usageError("--out is required.");
      const db = openMigrated();
      try {
        const { bytes, tables } = await backupDatabase(db, values.out);
        console.log(`Backed up ${databasePath()} to ${values.out} (${bytes} bytes; integrity ok; ${tables.audit_events ?? 0} audit events).`);
        // Evidence files go beside the backup, each checked against its SHA-256 (app/evidence/backup.server.ts).
        const { copyEvidenceFiles, evidenceBackupDir } = await import("~/evidence/backup.server");
        const { evidenceDir } = await import("~/evidence/storage/index.server");
        const files = copyEvidenceFiles(evidenceDir(), evidenceBackupDir(values.out));
        console.log(`Backed up ${files.files} evidence file(s), ${files.bytes} bytes, to ${evidenceBackupDir(values.out)}.`);
      } catch (error) {
        if (error instanceof Error && /already exists/.test(error.message)) throw usageError(error.message);
        throw error;
      } finally {
        db.$client.close();
      }
      return 0;
    },
  },
  "db:restore": {
    summary: "Replace the database with a verified backup (stop the server first; the old file is kept aside).",
    usage: "--from FILE",
    options: { from: { type: "string" } },
    run: async (values, { usageError }) => {
      if (typeof values.from !== "string" || !values.from) throw usageError("--from is required.");
      if (!fs.existsSync(values.from)) throw usageError(`${values.from} does not exist.`);
      const tables = restoreDatabase(values.from, databasePath());
      const db = openMigrated();
      db.$client.close();
      // The evidence files the backup carries are put back (existing files with the same hash stay; none is deleted).
      const { copyEvidenceFiles, evidenceBackupDir } = await import("~/evidence/backup.server");
      const { evidenceDir } = await import("~/evidence/storage/index.server");
      if (fs.existsSync(evidenceBackupDir(values.from))) {
        const files = copyEvidenceFiles(evidenceBackupDir(values.from), evidenceDir());
        console.log(`Restored ${files.files} evidence file(s) to ${evidenceDir()}.`);
      } else {
        console.log(`${evidenceBackupDir(values.from)} does not exist: no evidence files restored.`);
      }
      console.log(
        `Restored ${databasePath()} from ${values.from} (${tables.users ?? 0} users, ${tables.audit_events ?? 0} audit events). Run audit:verify to check the trail.`,
      );
      return 0;
    },
  },
  "secrets:rotate": {
    summary: "Re-seal every stored secret (TOTP seeds) with RAMPART_SECRET_KEY, in one transaction.",
    usage: "set RAMPART_SECRET_KEY to the new key and RAMPART_SECRET_KEY_PREVIOUS to the old one (README, key rotation)",
    run: async () => {
      const db = openMigrated();
      try {
        const { keyring } = loadKeyring(process.env);
        const r = rotateSecrets(db, keyring, { actorId: null, requestId: "cli" });
        const from = Object.entries(r.fromKeys).map(([id, n]) => `${n} from key ${id}`);
        console.log(
          `Re-sealed ${r.resealed} secret(s) with key ${keyring.current.id}${from.length ? ` (${from.join(", ")})` : ""}; ${r.alreadyCurrent} already used it.` +
            (keyring.previous.length ? " Once every server runs with the new key, remove RAMPART_SECRET_KEY_PREVIOUS." : ""),
        );
      } finally {
        db.$client.close();
      }
      return 0;
    },
  },
  "notify:run": {
    summary: "Run the reminder rules once, queue the digests due and send the outbox; prints what it sent or would send.",
    usage: "[--dry-run] changes and sends nothing [--digest] sends every user's digest now, whatever its schedule",
    options: { "dry-run": { type: "boolean" }, digest: { type: "boolean" } },
    run: async (values) => {
      const { runNotificationCycle, describeCycle } = await import("~/notifications/cycle.server");
      const { mailConfig } = await import("~/mail/config.server");
      const { publicOrigin } = await import("~/deployment/origin.server");
      const { getEnv } = await import("~/env.server");
      const mail = mailConfig();
      const db = openMigrated();
      try {
        if (!mail.enabled) console.log("Email is off (SMTP_URL is not set): reminders are recorded in the app only.");
        const report = await runNotificationCycle(db, {
          mail,
          origin: publicOrigin(getEnv()),
          dryRun: values["dry-run"] === true,
          digest: values.digest === true,
        });
        if (!report) {
          console.error("Another instance is running the reminders now; try again in a few minutes.");
          return 1;
        }
        for (const line of describeCycle(report)) console.log(line);
      } finally {
        db.$client.close();
      }
      return 0;
    },
  },
  "evidence:verify": {
    summary: "Re-hash every stored evidence file; exits 1 listing any that changed or went missing.",
    run: async () => {
      const { verifyEvidence } = await import("~/evidence/verify.server");
      const { evidenceStorage } = await import("~/evidence/storage/index.server");
      const db = openMigrated();
      try {
        const storage = evidenceStorage();
        const report = await verifyEvidence(db, storage);
        for (const p of report.problems) {
          console.error(`${p.problem.toUpperCase()}  ${p.sha256} (evidence ${p.evidenceIds.join(", ")}): ${p.detail}`);
        }
        if (!report.problems.length) {
          console.log(`Evidence intact: ${report.files} file(s) behind ${report.rows} evidence row(s) re-hashed in ${storage.dir}.`);
          return 0;
        }
        console.error(`${report.problems.length} of ${report.files} evidence file(s) changed or missing in ${storage.dir}.`);
        return 1;
      } finally {
        db.$client.close();
      }
    },
  },
  "audit:verify": {
    summary:
      "Check the audit trail's hash chain from the first event (--from-checkpoint: only events since the last check); exits 1 naming the first broken event.",
    options: { "from-checkpoint": { type: "boolean" } },
    run: async (values) => {
      const db = openMigrated();
      try {
        const verdict = values["from-checkpoint"] ? (await verifyFromCheckpoint(db)).verdict : verifyAllAndRecord(db);
        if (verdict.ok) {
          console.log(
            `Audit trail intact: ${verdict.count} events verified${values["from-checkpoint"] ? " (events before the checkpoint were verified earlier)" : ""}.`,
          );
          return 0;
        }
        console.error(`Audit trail broken at event ${verdict.brokenId}: ${verdict.reason}.`);
        return 1;
      } finally {
        db.$client.close();
      }
    },
  },
  "board:verify": {
    summary: "Check a board-pack PDF against the published report it names; exits 0 when genuine, 1 when not.",
    usage: "FILE.pdf",
    positionals: true,
    run: async (_values, { usageError, positionals }) => {
      const [file, ...extra] = positionals;
      if (!file || extra.length) throw usageError("Give one PDF file: npm run cli -- board:verify board-report-FY2026-Q3.pdf");
      if (!fs.existsSync(file)) throw usageError(`${file} does not exist.`);
      const { verifyBoardPack } = await import("~/board/verify-pack.server");
      const { todayIso } = await import("~/time/today.server");
      const db = openMigrated();
      try {
        const verdict = await verifyBoardPack(db, fs.readFileSync(file), todayIso(db));
        if (verdict.ok) {
          console.log(`GENUINE. ${verdict.message}
Fingerprint (SHA-256): ${verdict.contentHash}`);
          return 0;
        }
        console.error(`NOT GENUINE. ${verdict.message}`);
        for (const d of verdict.differences)
          console.error(`  published: ${d.published}
  this file: ${d.file}`);
        return 1;
      } finally {
        db.$client.close();
      }
    },
  },
};

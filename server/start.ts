/**
 * `npm start`: build if needed, migrate, load the demo programme into an
 * empty database, say how the first administrator signs in, and serve.
 */
import type { ServerBuild } from "@remix-run/node";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openDatabase } from "#db/connection";
import { migrateDatabase } from "#db/migrate";
import { isDatabaseEmpty } from "#db/seed/status";
import { DEMO_TIME_ZONE, seedDemo } from "#db/seed/demo";
import { dayIn } from "~/time/zone";
import { createSetupToken, needsFirstAdmin } from "~/auth/setup.server";
import { isLoopbackHost, publicOrigin, startupRefusal, trustedOrigins } from "~/deployment/origin.server";
import { getEnv } from "~/env.server";
import { mailConfig } from "~/mail/config.server";
import { printCredentials } from "../bin/print-credentials";
import { createApp } from "./app";
import { buildIfNeeded } from "./build-if-needed";
import { startBackground } from "./background";
import { prepareSecretsAtStart } from "./secret-key";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.NODE_ENV ??= "production";
const env = getEnv();
const refusal = startupRefusal(env);
if (refusal) {
  console.error(refusal);
  process.exit(1);
}

buildIfNeeded(root);

const db = openDatabase(env.DATABASE_PATH);
migrateDatabase(db);
prepareSecretsAtStart(db);
if (isDatabaseEmpty(db)) {
  console.log("Empty database: loading the demo programme…");
  const today = dayIn(new Date(), DEMO_TIME_ZONE);
  const { credentials } = await seedDemo(db, { today });
  printCredentials(credentials);
}

const origin = publicOrigin(env);
if (!env.APP_ORIGIN && !isLoopbackHost(env.HOST)) {
  console.warn(`HOST=${env.HOST} without APP_ORIGIN: forms are accepted only from ${trustedOrigins(env).join(", ")}. Set APP_ORIGIN for other machines.`);
}
if (needsFirstAdmin(db)) {
  const token = createSetupToken(db);
  console.log(`\nNo administrator can sign in yet. Create the first one within the hour at:\n  ${origin}/setup?token=${token}\n`);
}
db.$client.close();

const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
const app = createApp({
  build,
  clientDir: path.join(root, "build/client"),
  dev: false,
  trustProxy: env.TRUST_PROXY,
  allowedOrigin: env.APP_ORIGIN,
});

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Rampart is serving on ${origin} (database ${env.DATABASE_PATH})`);
});

// Reminders and the email outbox every few minutes (a lease in the database keeps instances from overlapping), and
// today's figures recomputed after every change, on a background thread (docs/decisions/019-figures-cache.md).
const mail = mailConfig(env);
console.log(mail.enabled ? `Email goes through ${mail.server} as ${mail.from}.` : "Email is off (SMTP_URL is not set): reminders appear in the app only.");
const { primeFiguresCache, setFiguresOffloader } = build.entry.module as unknown as {
  primeFiguresCache: (changes: number, entries: Array<[string, unknown]>) => number;
  setFiguresOffloader: (offload: ((name: string, args: unknown[]) => Promise<void>) | null) => void;
};
// The background thread walks the audit chain, so /admin/audit leaves it alone (app/audit/checkpoint.server.ts).
process.env.RAMPART_AUDIT_VERIFIER = "background";
const background = startBackground({ databasePath: env.DATABASE_PATH, mail, origin, prime: primeFiguresCache, log: (line) => console.log(line) });
// Loaders ask it for the figures they did not find cached (docs/decisions/023-figures-off-the-request-thread.md).
setFiguresOffloader(background.offload);

// Finish in-flight requests on shutdown so no commit is cut off mid-response.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    setFiguresOffloader(null);
    server.close(() => void background.stop().then(() => process.exit(0)));
  });
}

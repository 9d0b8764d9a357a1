import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "public"];
const SOURCE_FILES = ["vite.config.ts", "package.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Runs the production build when there is none or the sources are newer than it. */
export function buildIfNeeded(root: string) {
  const serverBuild = path.join(root, "build/server/index.js");
  const builtAt = fs.existsSync(serverBuild) ? fs.statSync(serverBuild).mtimeMs : 0;
  const sourcesAt = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(path.join(root, p))));
  if (builtAt > sourcesAt) return;
  console.log(builtAt ? "Sources changed since the last build; rebuilding…" : "No build yet; building…");
  // The build's own output (about a hundred lines) is kept back unless it fails: the start banner is what people need to see.
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
    // Without VITEST: vite.config.ts turns the Remix plugin off inside vitest (e2e runs start the server from there).
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST"))), NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    throw new Error("The build failed; see the output above.");
  }
  console.log("Built.");
}

import fs from "node:fs";
import path from "node:path";

/**
 * The arguments after `node` in package.json's start script: the browser
 * tests and the bench start the server exactly as `npm start` does,
 * memory flags included (docs/decisions/022-memory-bound.md).
 */
export function startArguments(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: { start?: string } };
  const [command, ...args] = (pkg.scripts?.start ?? "").trim().split(/\s+/);
  if (command !== "node" || !args.length) throw new Error(`package.json's start script must run node directly, not "${pkg.scripts?.start ?? ""}".`);
  return args;
}

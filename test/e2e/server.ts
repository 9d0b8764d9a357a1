import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startArguments } from "../../server/start-command";

export type Credential = { role: string; email: string; password: string };
export type RunningServer = { baseUrl: string; credentials: Credential[]; setupUrl: string | null; output: () => string; stop: () => Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Starts the built server exactly as `npm start` does, on a free port with
 * its own database, and reads the demo credentials it prints once.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  // A caller that must know the address first (an OpenID provider registers the redirect URI) passes PORT.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-e2e-"));
  const root = path.resolve(import.meta.dirname, "../..");
  const child: ChildProcess = spawn(process.execPath, startArguments(root), {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: path.join(dir, "e2e.db"), NODE_ENV: "production", REQUIRE_MFA: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (!out.includes("Rampart is serving on")) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`The server did not start within 90 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const credentials = [...out.matchAll(/^ {2}(admin|ciso_office|workstream_lead|executive|board)\s+(\S+@\S+)\s+(\S+)$/gm)].map((m) => ({
    role: m[1]!,
    email: m[2]!,
    password: m[3]!,
  }));
  const setupUrl = /(http:\/\/\S+\/setup\?token=\S+)/.exec(out)?.[1] ?? null;
  return {
    baseUrl,
    credentials,
    setupUrl,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

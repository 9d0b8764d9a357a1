import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type BenchServer = { baseUrl: string; pid: number; figuresReady: string | null; stop: () => Promise<void>; output: () => string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Starts the built server as `npm start` does (as test/e2e/server.ts does), on 127.0.0.1 and a free port. */
export async function startBenchServer(root: string, database: string): Promise<BenchServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/start.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: database, NODE_ENV: "production", REQUIRE_MFA: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on("data", (d) => (out = (out + d).slice(-20_000)));
  const deadline = Date.now() + 120_000;
  while (!out.includes("Rampart is serving on")) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not start within 120 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // Measure the steady state: today's figures are computed on the background thread once after start (and after each
  // change), which the bench does not count against the first route it happens to time.
  const warmDeadline = Date.now() + 600_000;
  while (!out.includes("Figures as of") && child.exitCode === null && Date.now() < warmDeadline) await new Promise((r) => setTimeout(r, 200));
  const figuresReady = /Figures as of \S+ computed in [^\n]*/.exec(out)?.[0] ?? null;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    figuresReady,
    pid: child.pid as number,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** The server and the processes it started (tsx runs the app in a child): their pids. */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length && i < 64; i++) {
    try {
      const children = fs.readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      // The process ended between two reads.
    }
  }
  return pids;
}

/** A field of /proc/<pid>/status in KiB, summed over the tree (VmRSS now, VmHWM the peak). */
export function treeKiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const match = new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      total += Number(match?.[1] ?? 0);
    } catch {
      // Gone: counts nothing.
    }
  }
  return total;
}

import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { startArguments } from "../../server/start-command";

export type BenchServer = {
  baseUrl: string;
  pid: number;
  figuresReady: string | null;
  auditReady: string | null;
  stop: () => Promise<void>;
  output: () => string;
};

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
  // The server logs a line per request to a file, not a pipe: on Linux a write to a full pipe blocks the writer, so a
  // bench busy reading a 170 MiB export stalled the server it was measuring (1.9-3 s on /admin/audit.csv).
  const logFile = `${database}.server.log`;
  const log = fs.openSync(logFile, "w");
  const child: ChildProcess = spawn(process.execPath, startArguments(root), {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: database, NODE_ENV: "production", REQUIRE_MFA: "0" },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const out = () => tail(logFile, 20_000);
  const deadline = Date.now() + 120_000;
  while (!out().includes("Rampart is serving on")) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${out()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not start within 120 s:\n${out()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // Measure the steady state: today's figures are computed on the background thread once after start (and after each
  // change), and a fresh database's audit chain is walked there once (decision 015); the bench does not count either
  // against the routes it happens to time while they run.
  const warmDeadline = Date.now() + 600_000;
  const said = (pattern: RegExp) => pattern.exec(out())?.[0] ?? null;
  const FIGURES = /Figures as of \S+ computed in [^\n]*/;
  const AUDIT = /Audit chain (verified|broken) [^\n]*/;
  while (!(said(FIGURES) && said(AUDIT)) && child.exitCode === null && Date.now() < warmDeadline) await new Promise((r) => setTimeout(r, 200));
  const figuresReady = said(FIGURES);
  const auditReady = said(AUDIT);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    figuresReady,
    auditReady,
    pid: child.pid as number,
    output: out,
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

/** The last `chars` (bytes) of a file. */
function tail(file: string, chars: number): string {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, chars));
    fs.readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

/** The server and any process it started: their pids. */
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

import { execFileSync } from "node:child_process";
import os from "node:os";
import type { RouteResult } from "./measure";

export type FactorReport = {
  factor: number;
  healthzMs: number;
  serverPeakMiB: number;
  /** What the server printed when its background thread first had today's figures ready (null if it never did). */
  figuresReady: string | null;
  auditReady: string | null;
  rows: Record<string, number>;
  results: RouteResult[];
  unfilled: string[];
  note?: string;
};

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

export function factorTable(report: FactorReport): string {
  const counts = Object.entries(report.rows)
    .map(([t, n]) => `${n.toLocaleString("en-US")} ${t}`)
    .join(", ");
  const lines = [
    `### ×${report.factor}${report.note ? ` (${report.note})` : ""}`,
    "",
    `Data: ${counts}. \`/healthz\` median ${fmt(report.healthzMs)} ms; server peak RSS (VmHWM) ${report.serverPeakMiB.toFixed(0)} MiB. ${report.figuresReady ?? "The background thread never reported its figures ready."} ${report.auditReady ?? "The background thread never reported the audit chain verified."}`,
    "",
    "| route | kind | status | runs | median ms | p95 ms | × healthz | size | peak RSS MiB | longest /healthz stall ms |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...report.results.map(
      (r) =>
        `| \`${r.path}\` | ${r.kind} | ${r.statuses.join(",")} | ${r.runs} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} | ${(r.medianMs / Math.max(0.01, report.healthzMs)).toFixed(0)} | ${size(r.bytes)} | ${r.peakRssMiB.toFixed(0)} | ${fmt(r.stallMs)} |`,
    ),
  ];
  if (report.unfilled.length) lines.push("", `Not timed (no data to fill their parameters): ${report.unfilled.map((u) => `\`${u}\``).join(", ")}.`);
  return lines.join("\n");
}

export function machineLine(root: string): string {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  const gib = (os.totalmem() / 1024 ** 3).toFixed(0);
  return `${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${os.availableParallelism()} CPUs (nproc), ${gib} GiB memory, Node ${process.version}`;
}

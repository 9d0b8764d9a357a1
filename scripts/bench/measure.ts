import { treeKiB } from "./server";

export type Sample = { ms: number; status: number; bytes: number };
export type RouteResult = {
  path: string;
  kind: string;
  runs: number;
  statuses: number[];
  medianMs: number;
  p95Ms: number;
  bytes: number;
  peakRssMiB: number;
  stallMs: number;
};

/** Nearest-rank percentile of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export async function timedGet(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Sample> {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    // Counted and dropped chunk by chunk: gathering a 170 MiB export into one buffer held this process's event loop
    // for a second at the end, and its /healthz pings with it (a stall the server never had).
    let bytes = 0;
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) bytes += read.value.byteLength;
    return { ms: performance.now() - started, status: response.status, bytes };
  } catch {
    // A timeout or a dropped connection: recorded as status 0 with the time it took.
    return { ms: performance.now() - started, status: 0, bytes: 0 };
  }
}

/**
 * While `work` runs, pings /healthz every 10 ms and samples the server's RSS:
 * the slowest /healthz answer is how long the route kept the event loop from
 * everyone else. Bounded by `work` finishing (which is itself bounded).
 */
async function watch<T>(baseUrl: string, pid: number, work: Promise<T>): Promise<{ result: T; stallMs: number; peakRssKiB: number }> {
  let done = false;
  let stallMs = 0;
  let peakRssKiB = treeKiB(pid, "VmRSS");
  const pinger = (async () => {
    while (!done) {
      const ping = await timedGet(`${baseUrl}/healthz`, {}, 120_000);
      stallMs = Math.max(stallMs, ping.ms);
      peakRssKiB = Math.max(peakRssKiB, treeKiB(pid, "VmRSS"));
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    const result = await work;
    done = true;
    // The ping still in flight is often the longest: wait for it before reading the stall.
    await pinger;
    return { result, stallMs, peakRssKiB };
  } finally {
    done = true;
    await pinger;
  }
}

/**
 * A request the client gave up on keeps the server busy until it finishes:
 * wait (at most `seconds`) until /healthz answers within a second again, so
 * the next route is not charged for it. Returns how long that took.
 */
export async function waitUntilIdle(baseUrl: string, seconds: number): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const ping = await timedGet(`${baseUrl}/healthz`, {}, seconds * 1000);
    if (ping.status === 200 && ping.ms < 1000) break;
  }
  return performance.now() - started;
}

/** One warm-up, then up to `runs` sequential requests or `seconds`, whichever ends first. */
export async function measureRoute(
  server: { baseUrl: string; pid: number },
  route: { path: string; kind: string },
  headers: Record<string, string>,
  limits: { runs: number; seconds: number },
): Promise<RouteResult> {
  const url = `${server.baseUrl}${route.path}`;
  const deadline = Date.now() + limits.seconds * 1000;
  const timeoutMs = limits.seconds * 1000;
  const work = (async () => {
    const samples: Sample[] = [await timedGet(url, headers, timeoutMs)];
    while (samples.length <= limits.runs && Date.now() < deadline) samples.push(await timedGet(url, headers, timeoutMs));
    return samples.length > 1 ? samples.slice(1) : samples;
  })();
  const { result: samples, stallMs, peakRssKiB } = await watch(server.baseUrl, server.pid, work);
  const times = samples.map((s) => s.ms);
  return {
    path: route.path,
    kind: route.kind,
    runs: samples.length,
    statuses: [...new Set(samples.map((s) => s.status))].sort(),
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    bytes: samples.at(-1)?.bytes ?? 0,
    peakRssMiB: peakRssKiB / 1024,
    stallMs,
  };
}

/** /healthz alone, to divide every route's median by (the machine's speed right now). */
export async function measureHealthz(baseUrl: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < Math.max(5, runs * 2); i++) times.push((await timedGet(`${baseUrl}/healthz`, {}, 10_000)).ms);
  return percentile(times, 50);
}

import { parseArgs } from "node:util";

export type BenchOptions = {
  factors: number[];
  /** Timed requests per route, after one warm-up. */
  runs: number;
  /** A route stops being timed after this many seconds, however few runs it got. */
  routeSeconds: number;
  /** Only routes whose path contains one of these (all when empty). */
  only: string[];
  out: string | null;
  /** Chained audit events written per unit of factor (10,000 gives the 1,000,000 at ×100). */
  auditPerFactor: number;
};

const USAGE = `npm run bench -- [--factor 1,10,100] [--runs 15] [--route-seconds 60] [--only /risks,/budget] [--audit-per-factor 0] [--out docs/performance.md | --no-write]`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      factor: { type: "string", default: "1" },
      runs: { type: "string", default: "15" },
      "route-seconds": { type: "string", default: "60" },
      only: { type: "string", default: "" },
      out: { type: "string", default: "docs/performance.md" },
      "no-write": { type: "boolean", default: false },
      "audit-per-factor": { type: "string", default: "0" },
    },
    strict: true,
  });
  const factors = values.factor.split(",").map((f) => Number(f.trim()));
  const runs = Number(values.runs);
  const routeSeconds = Number(values["route-seconds"]);
  if (!factors.every((f) => Number.isInteger(f) && f >= 1 && f <= 1000)) throw new Error(`--factor takes whole numbers from 1 to 1000.\n${USAGE}`);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new Error(`--runs takes a whole number from 1 to 1000.\n${USAGE}`);
  const auditPerFactor = Number(values["audit-per-factor"]);
  if (!Number.isInteger(auditPerFactor) || auditPerFactor < 0 || auditPerFactor > 100_000) throw new Error(`--audit-per-factor takes 0 to 100000.\n${USAGE}`);
  if (!(routeSeconds > 0 && routeSeconds <= 3600)) throw new Error(`--route-seconds takes 1 to 3600.\n${USAGE}`);
  return {
    factors,
    runs,
    routeSeconds,
    only: values.only.split(",").filter(Boolean),
    out: values["no-write"] ? null : values.out,
    auditPerFactor,
  };
}

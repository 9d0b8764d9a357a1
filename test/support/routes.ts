import type { RouteAccess } from "~/auth/access";

export type RouteModule = {
  access?: RouteAccess;
  loader?: (args: unknown) => unknown;
  action?: (args: unknown) => unknown;
};

// Every route module of the app, loaded the way Remix's flat-routes convention names them.
const modules = import.meta.glob<RouteModule>("/app/routes/**/*.{ts,tsx}", { eager: true });

export const routeModules: Array<{ file: string; id: string; module: RouteModule }> = Object.entries(modules)
  .filter(([file]) => !/\.test\.tsx?$/.test(file))
  .map(([file, module]) => ({ file, id: file.replace(/^\/app\/routes\//, "").replace(/\.tsx?$/, ""), module }));

/** The URL path a flat route file answers, with sample values for its params. */
export function samplePath(id: string): string {
  // Dots inside [brackets] are literal (`budget[.csv]` answers /budget.csv); other dots separate segments.
  const segments = id
    .replace(/\/route$/, "")
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/\[(.+?)\]/g, "$1").replace(/_$/, ""))
    .map((s) => (s.startsWith("$") ? (SAMPLE_PARAMS[s.slice(1)] ?? "1") : s));
  return `/${segments.join("/")}`.replace(/\/\./g, ".");
}

export const SAMPLE_PARAMS: Record<string, string> = { code: "WS-01", id: "1", quarter: "FY2024-Q1", userId: "1" };

export function sampleParams(id: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of id.matchAll(/\$(\w+)/g)) params[m[1]!] = SAMPLE_PARAMS[m[1]!] ?? "1";
  return params;
}

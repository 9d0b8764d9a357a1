import fs from "node:fs";

export type RouteKind = "page" | "export" | "api";
export type BenchRoute = { file: string; path: string; kind: RouteKind };

/** Not timed: /healthz is the yardstick, the others sign in or out, or need a one-time token. */
const SKIPPED = new Set(["healthz", "login", "login_.mfa", "logout", "setup", "invite"]);

/** Splits a flat route name on dots outside [escapes]: "board.$quarter[.pdf]" → ["board", "$quarter[.pdf]"]. */
function segmentsOf(name: string): string[] {
  const out: string[] = [];
  let current = "";
  let depth = 0;
  for (const ch of name) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "." && depth === 0) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/**
 * Every GET-able route of app/routes as a URL, with parameters filled from
 * `fill` (keyed by the route name up to the parameter, e.g. "risks.$code");
 * routes with a parameter nobody could fill are left out and listed.
 */
export function discoverRoutes(routesDir: string, fill: Record<string, string>): { routes: BenchRoute[]; unfilled: string[] } {
  const routes: BenchRoute[] = [];
  const unfilled: string[] = [];
  for (const file of fs.readdirSync(routesDir).sort()) {
    const name = file.replace(/\.(tsx|ts)$/, "");
    if (SKIPPED.has(name) || !/\.(tsx|ts)$/.test(file)) continue;
    const parts: string[] = [];
    const keyParts: string[] = [];
    let missing = false;
    for (const raw of segmentsOf(name)) {
      const segment = raw.replace(/_$/, "");
      keyParts.push(segment);
      if (segment === "_index" || segment === "") continue;
      const unescaped = segment.replace(/\[([^\]]*)\]/g, "$1");
      if (unescaped.startsWith("$")) {
        const [param = "", suffix = ""] = /^\$([A-Za-z]+)(.*)$/.exec(unescaped)?.slice(1) ?? [];
        const value = fill[[...keyParts.slice(0, -1), `$${param}`].join(".")];
        if (!value) missing = true;
        parts.push(`${encodeURIComponent(value ?? "")}${suffix}`);
      } else parts.push(unescaped);
    }
    if (missing) {
      unfilled.push(name);
      continue;
    }
    const url = `/${parts.join("/")}`;
    const kind: RouteKind = name.startsWith("api.") ? "api" : /\.(csv|xlsx|pdf)$/.test(url) ? "export" : "page";
    routes.push({ file, path: url, kind });
  }
  return { routes, unfilled };
}

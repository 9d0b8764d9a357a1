import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "~/auth/permissions";
import { routeModules } from "#test/support/routes";

const VALID = new Set<string>(["public", "signed-in", ...PERMISSIONS]);

describe("every route declares its access", () => {
  it("finds the app's routes", () => {
    expect(routeModules.length).toBeGreaterThan(5);
  });

  for (const { id, module } of routeModules) {
    it(`${id} declares access for each handler it exports`, () => {
      expect(module.access, `${id} exports no \`access\``).toBeDefined();
      if (module.loader) expect(VALID.has(module.access?.loader ?? ""), `${id}: loader access "${module.access?.loader}"`).toBe(true);
      if (module.action) expect(VALID.has(module.access?.action ?? ""), `${id}: action access "${module.access?.action}"`).toBe(true);
    });
  }
});

// The declaration is only worth what the handler enforces: a handler guarded by a
// permission must pass its own declaration (`access.loader` / `access.action`) to
// the check (requireAccess, requireApiAccess, or an area helper taking it), so the
// authorization tests and the code read the same rule.
describe("every guarded handler checks the access it declares", () => {
  for (const { file, id, module } of routeModules) {
    const source = fs.readFileSync(path.join(process.cwd(), file), "utf8");
    for (const handler of ["loader", "action"] as const) {
      const declared = module.access?.[handler];
      if (!module[handler] || !declared || declared === "public" || declared === "signed-in") continue;
      it(`${id}: the ${handler} passes access.${handler} to its check`, () => {
        const uses = module.access?.api ? /requireApiAccess\(request, context, access\)/ : new RegExp(`access\\.${handler}\\b`);
        expect(source, `${file} never reads access.${handler}`).toMatch(uses);
      });
    }
  }
});

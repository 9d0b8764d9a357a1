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

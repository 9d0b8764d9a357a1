import { afterEach, describe, expect, it, vi } from "vitest";
import { startBackground } from "../../server/background";

const until = async (check: () => boolean, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe("the background thread", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is stopped by its heap limit, said so, started again, and stays stopped once the server stops it", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void errors.push(String(line)));
    let starts = 0;
    const { stop } = startBackground({
      databasePath: ":memory:",
      mail: { enabled: false } as never,
      origin: "http://localhost:3000",
      prime: () => {
        starts += 1;
        return 0;
      },
      log: () => {},
      script: new URL("./fixtures/hungry-thread.mjs", import.meta.url),
      restartFirstMs: 100,
    });
    await until(() => starts >= 2);
    expect(errors.some((e) => /stopped: .*memory limit/i.test(e))).toBe(true);
    expect(errors.some((e) => /starts again in/.test(e))).toBe(true);
    await stop();
    const after = starts;
    await new Promise((r) => setTimeout(r, 600));
    expect(starts).toBe(after);
  }, 60_000);
});

import { describe, expect, it } from "vitest";
import { countByIdWindows, firstBatch, idWindowBatches, type IdRange } from "~/exports/id-windows.server";

/** Sparse ids (gaps of 1 to 9) with a filter keeping about a third of them: what an audit search sees. */
const ids: number[] = [];
for (let i = 0, id = 0; i < 20_000; i++) ids.push((id += 1 + ((i * 7) % 9)));
const matches = (id: number) => id % 3 === 0;

function reader(direction: "asc" | "desc") {
  const windows: IdRange[] = [];
  const read = (w: IdRange, limit: number) => {
    windows.push(w);
    const inWindow = ids.filter((id) => id >= w.low && id <= w.high && matches(id)).map((id) => ({ id }));
    return (direction === "desc" ? inWindow.reverse() : inWindow).slice(0, limit);
  };
  return { read, windows };
}

const range = { low: ids[0]!, high: ids.at(-1)! };

describe("reading by windows of ids", () => {
  it("returns every matching row exactly once, newest first, in batches of at most the size", async () => {
    const { read, windows } = reader("desc");
    const batches: number[][] = [];
    for await (const batch of idWindowBatches(range, "desc", read, 500)) batches.push(batch.map((r) => r.id));
    const expected = ids.filter(matches).reverse();
    expect(batches.flat()).toEqual(expected);
    expect(batches.length).toBe(Math.ceil(expected.length / 500));
    expect(batches.slice(0, -1).every((b) => b.length === 500)).toBe(true);
    expect(windows.length).toBeGreaterThan(1);
  });

  it("reads ascending from a cursor, and the first batch stops the walk", async () => {
    const { read } = reader("asc");
    const after = ids[5000]!;
    const page = await firstBatch(idWindowBatches({ low: after + 1, high: range.high }, "asc", read, 101));
    expect(page.map((r) => r.id)).toEqual(ids.filter((id) => id > after && matches(id)).slice(0, 101));
  });

  it("counts every matching row across windows", async () => {
    const seen: IdRange[] = [];
    const total = await countByIdWindows(range, (w) => {
      seen.push(w);
      return ids.filter((id) => id >= w.low && id <= w.high && matches(id)).length;
    });
    expect(total).toBe(ids.filter(matches).length);
    expect(seen[0]!.low).toBe(range.low);
    expect(seen.at(-1)!.high).toBe(range.high);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.low).toBe(seen[i - 1]!.high + 1);
  });

  it("an empty range reads nothing", async () => {
    const { read, windows } = reader("desc");
    expect(await firstBatch(idWindowBatches({ low: 1, high: 0 }, "desc", read))).toEqual([]);
    expect(await countByIdWindows({ low: 1, high: 0 }, () => 1)).toBe(0);
    expect(windows).toEqual([]);
  });
});

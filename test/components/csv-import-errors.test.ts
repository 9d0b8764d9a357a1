import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CsvImportErrors } from "~/components/csv-import-errors";

const errors = (n: number) => Array.from({ length: n }, (_, i) => ({ line: i + 2, column: i % 2 ? "period" : null, message: `Problem ${i + 2}` }));
const render = (props: Parameters<typeof CsvImportErrors>[0]) => renderToStaticMarkup(createElement(CsvImportErrors, props));

describe("the CSV import errors table shared by every import", () => {
  it("draws nothing when the import had no problem", () => {
    expect(render({ errors: [] })).toBe("");
  });

  it("lists every problem by line and column, saying nothing was imported", () => {
    const html = render({ errors: errors(3) });
    expect(html).toContain("Nothing was imported: 3 problem(s)");
    expect(html.match(/<tr>/g)).toHaveLength(4);
    expect(html).toContain('<td class="font-mono">period</td><td>Problem 3</td>');
    expect(html).toContain('<td class="font-mono">—</td><td>Problem 2</td>');
  });

  it("caps a long list at the limit and counts the rest", () => {
    const html = render({ errors: errors(250), limit: 200 });
    expect(html.match(/<tr>/g)).toHaveLength(201);
    expect(html).toContain("Problem 201");
    expect(html).not.toContain("Problem 202<");
    expect(html).toContain("…and 50 more.");
  });
});

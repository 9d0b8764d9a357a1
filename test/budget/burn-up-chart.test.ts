import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BurnUpChart } from "~/components/charts/burn-up-chart";

const points = [
  { label: "FY2024-Q1", planCents: 100_00, actualCents: 90_00, committedCents: 150_00 },
  { label: "FY2024-Q2", planCents: 200_00, actualCents: 210_00, committedCents: 150_00 },
  { label: "FY2024-Q3", planCents: 300_00, actualCents: null, committedCents: null },
  { label: "FY2024-Q4", planCents: 400_00, actualCents: null, committedCents: null },
];

describe("BurnUpChart", () => {
  const html = renderToStaticMarkup(createElement(BurnUpChart, { points, today: 1.5, title: "Burn-up" }));

  it("is plain SVG with no inline style (the CSP forbids it) and an accessible description", () => {
    expect(html).toMatch(/^<figure/);
    expect(html).not.toMatch(/style=/);
    expect(html).toContain('role="img"');
    expect(html).toContain("cumulative actual $210.00");
  });

  it("draws plan to the end, actual and commitments up to today, and the today marker", () => {
    const series = (name: string) => new RegExp(`points="([^"]+)"[^>]*data-series="${name}"`).exec(html)![1]!.split(" ");
    expect(series("plan")).toHaveLength(5);
    expect(series("actual")).toHaveLength(3);
    expect(series("committed")).toHaveLength(3);
    // The last actual point sits on the today line, not at the end of its quarter.
    const todayX = /data-testid="today-marker"><line x1="([\d.]+)"/.exec(html)![1]!;
    expect(Number(series("actual").at(-1)!.split(",")[0])).toBeCloseTo(Number(todayX), 0);
  });
});

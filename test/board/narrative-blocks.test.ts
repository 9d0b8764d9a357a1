import { describe, expect, it } from "vitest";
import { narrativeBlocks } from "~/board/narrative-blocks";

describe("narrative text as blocks", () => {
  it("turns dash, star and numbered lines into lists and the rest into paragraphs", () => {
    const text =
      "Figures as of today.\nStill the same paragraph.\n\n- First\n* Second\n  continued\n\n1. Approve the budget.\n2) Note the risk.\nClosing words.";
    expect(narrativeBlocks(text)).toEqual([
      { kind: "paragraph", text: "Figures as of today. Still the same paragraph." },
      { kind: "bullets", items: ["First", "Second continued"] },
      { kind: "numbered", items: ["Approve the budget.", "Note the risk."] },
      { kind: "paragraph", text: "Closing words." },
    ]);
  });

  it("gives nothing for empty text, and keeps a lone hyphenated word as text", () => {
    expect(narrativeBlocks("  \n\n")).toEqual([]);
    expect(narrativeBlocks("-5% against plan")).toEqual([{ kind: "paragraph", text: "-5% against plan" }]);
  });
});

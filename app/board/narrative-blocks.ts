/**
 * The narrative is typed as plain text with Markdown-style lists ("- item",
 * "* item", "1. item"). The page and the PDF both render it through these
 * blocks, so a bullet reads as a bullet in both and never as a raw "- ".
 */
export type NarrativeBlock = { kind: "paragraph"; text: string } | { kind: "bullets"; items: string[] } | { kind: "numbered"; items: string[] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function narrativeBlocks(text: string): NarrativeBlock[] {
  const blocks: NarrativeBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
    paragraph = [];
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flush();
      const kind = bullet ? "bullets" : "numbered";
      const last = blocks.at(-1);
      if (last && last.kind === kind) last.items.push(item[1]!);
      else blocks.push({ kind, items: [item[1]!] });
    } else if (!line) flush();
    else {
      // A line under a list item that is not itself an item continues that item.
      const last = blocks.at(-1);
      if (!paragraph.length && last && last.kind !== "paragraph" && raw.startsWith(" ")) last.items[last.items.length - 1] += ` ${line}`;
      else paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

import type { Rag } from "#db/schema/enums";

const ORDER: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

export function worst(...rags: Array<Rag | null | undefined>): Rag {
  return rags.reduce<Rag>((w, r) => (r && ORDER[r] > ORDER[w] ? r : w), "green");
}

export function ragRank(rag: Rag): number {
  return ORDER[rag];
}

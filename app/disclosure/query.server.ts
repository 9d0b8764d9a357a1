import { z } from "zod";
import type { Db } from "#db/connection";
import { getProgram } from "~/settings/settings.server";
import { defaultDisclosureYear, disclosureSources } from "./sources.server";
import { disclosureSections } from "./statements";

type Reader = Pick<Db, "select" | "all" | "get">;

const YearSchema = z.coerce.number().int().min(1900).max(9999);

/** The draft for the `fy` of the query string (the programme's years only; a bad value is a 400 with the reason). */
export function disclosureFor(db: Reader, url: URL, today: string) {
  const prog = getProgram(db);
  const raw = url.searchParams.get("fy");
  const fiscalYear = raw === null || raw === "" ? defaultDisclosureYear(db, today) : YearSchema.safeParse(raw).data;
  if (fiscalYear === undefined || fiscalYear < prog.startFiscalYear || fiscalYear > prog.endFiscalYear)
    throw new Response(`fy must be a fiscal year of the programme, ${prog.startFiscalYear} to ${prog.endFiscalYear}.`, { status: 400 });
  const sources = disclosureSources(db, fiscalYear, today);
  const years = Array.from({ length: prog.endFiscalYear - prog.startFiscalYear + 1 }, (_, i) => prog.startFiscalYear + i);
  return { sources, sections: disclosureSections(sources), years };
}

/**
 * Codes of copies, as SQL expressions over the original code and the copy
 * number `c`: workstream n of copy c becomes number c × base + n (base is the
 * power of ten above the demo's largest number, so copies never collide with
 * each other or the originals), written with at least four digits (WS-0123);
 * risks likewise with five (R-01234); milestone codes carry their
 * workstream's new number (M-WS0123-05). Other unique text (invoice and PO
 * references) gets a copy suffix (INV-ACN-2022-0101-C007).
 *
 * Only substr, length, cast and || are used, so the expressions also read on PostgreSQL
 * (instr excepted, which PostgreSQL spells strpos).
 */

export type CodeBases = { workstream: number; risk: number };

/** The power of ten strictly above `max` (9 → 10, 31 → 100). */
export function baseAbove(max: number): number {
  return 10 ** String(Math.max(1, Math.trunc(max))).length;
}

/** Digits needed to write the largest copied number, but at least `min`. */
export function widthFor(base: number, factor: number, min: number): number {
  return Math.max(min, String(base * factor - 1).length);
}

/** `value` left-padded with zeros to `width` characters (it never has more). */
export function zeroPad(value: string, width: number): string {
  const text = `cast(${value} as text)`;
  return `substr('${"0".repeat(width)}' || ${text}, length(${text}) + 1)`;
}

export function copyCodeSql(column: string, c: string, bases: CodeBases, factor: number): string {
  const wsWidth = widthFor(bases.workstream, factor, 4);
  const riskWidth = widthFor(bases.risk, factor, 5);
  const msDash = `instr(substr(${column}, 5), '-')`;
  const msWorkstream = `cast(substr(${column}, 5, ${msDash} - 1) as integer)`;
  return `case
    when ${column} like 'M-WS%-%' then 'M-WS' || ${zeroPad(`${c} * ${bases.workstream} + ${msWorkstream}`, wsWidth)} || substr(${column}, 4 + ${msDash})
    when ${column} like 'WS-%' then 'WS-' || ${zeroPad(`${c} * ${bases.workstream} + cast(substr(${column}, 4) as integer)`, wsWidth)}
    when ${column} like 'R-%' then 'R-' || ${zeroPad(`${c} * ${bases.risk} + cast(substr(${column}, 3) as integer)`, riskWidth)}
    else ${suffixSql(column, c)}
  end`;
}

export function suffixSql(column: string, c: string): string {
  return `${column} || '-C' || ${zeroPad(c, 3)}`;
}

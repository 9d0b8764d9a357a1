import { todayIso } from "~/time/today.server";
import { isoDate } from "~/utils/iso-date";

/** JSON for BI tools: never cached by intermediaries, always with the as-of date it describes. */
export function apiJson(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "no-store");
  return Response.json(body, { ...init, headers });
}

export function apiBadRequest(message: string): Response {
  return apiJson({ error: message }, { status: 400 });
}

const AsOfSchema = isoDate("asOf");

/** `?asOf=YYYY-MM-DD`, defaulting to today in the programme's time zone; a malformed value is a 400, not a guess. */
export function parseAsOf(request: Request): string {
  const raw = new URL(request.url).searchParams.get("asOf");
  if (raw === null || raw === "") return todayIso();
  const parsed = AsOfSchema.safeParse(raw);
  if (!parsed.success) throw apiBadRequest(parsed.error.issues[0]?.message ?? "Invalid asOf.");
  return parsed.data;
}

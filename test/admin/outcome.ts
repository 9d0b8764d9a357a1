/**
 * What a loader or action produced, whichever way it said it: a Response
 * (returned or thrown, e.g. a redirect or a 403), `data(value, { status })`,
 * or a plain value (status 200).
 */
export type Outcome<T = unknown> = { status: number; body: T; location: string | null; headers: Headers };

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
const isDataWithInit = (v: unknown): v is DataWithInit => typeof v === "object" && v !== null && (v as DataWithInit).type === "DataWithResponseInit";

export async function outcome<T = any>(fn: () => unknown): Promise<Outcome<T>> {
  let result: unknown;
  try {
    result = await fn();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    result = error;
  }
  if (result instanceof Response) {
    const type = result.headers.get("content-type") ?? "";
    const body = type.includes("json") ? await result.json() : await result.text();
    return { status: result.status, body: body as T, location: result.headers.get("location"), headers: result.headers };
  }
  if (isDataWithInit(result)) {
    return { status: result.init?.status ?? 200, body: result.data as T, location: null, headers: new Headers(result.init?.headers) };
  }
  return { status: 200, body: result as T, location: null, headers: new Headers() };
}

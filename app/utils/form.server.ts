import { FORM_BODY_LIMIT, formatLimit } from "./request-limits";

/**
 * What one form may hold. The defaults fit every ordinary form; the budget
 * plan grid (up to 2,000 cells of 8 fields) and the CSV imports pass larger
 * numbers.
 */
export type FormLimits = {
  /** Bytes of body read before answering 413. */
  maxBytes: number;
  maxFields: number;
  /** Characters of one text value (the longest text field of any schema is 8,000). */
  maxValueLength: number;
  /**
   * Characters of all text values together. A refused form is shown again with what was sent, so this
   * also bounds that echo. The largest real form, the board review (four 8,000-character texts), fits.
   */
  maxTotalLength: number;
  /** Highest array index in a field name (`cells[1999].amount`). */
  maxIndex: number;
  /** Sum over every array in the form of its highest index + 1: the slots conform would allocate. */
  maxArraySlots: number;
  /** Whether multipart bodies (file uploads) are accepted. */
  files: boolean;
};

export const DEFAULT_FORM_LIMITS: FormLimits = {
  maxBytes: FORM_BODY_LIMIT,
  maxFields: 500,
  maxValueLength: 10_000,
  maxTotalLength: 40_000,
  maxIndex: 100,
  maxArraySlots: 2_000,
  files: false,
};

const MAX_NAME_LENGTH = 200;
const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

function refuse(status: 400 | 413 | 415, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

function bodyTooLarge(maxBytes: number): Response {
  return refuse(413, `The request is too large: this form accepts at most ${formatLimit(maxBytes)}.`);
}

/**
 * The one way an action reads its form. The body is read with a byte cap
 * and checked before conform or zod see it: a wrong content type is a 415,
 * too many fields, an overlong value or a far-out array index
 * (`zz[10000000]=1`, which conform would expand into ten million slots) a
 * 400. Every refusal is thrown as a short plain-text Response that never
 * repeats the input.
 */
export async function readForm(request: Request, overrides: Partial<FormLimits> = {}): Promise<FormData> {
  const limits = { ...DEFAULT_FORM_LIMITS, ...overrides };
  const contentType = request.headers.get("content-type") ?? "";
  const mime = contentType.split(";")[0]!.trim().toLowerCase();
  if (mime === MULTIPART) {
    if (!limits.files) throw refuse(415, `This form is sent as ${URLENCODED}, not as a file upload.`);
    if (!/;\s*boundary=/i.test(contentType)) throw refuse(415, "A multipart body needs a boundary.");
  } else if (mime !== URLENCODED) {
    throw refuse(415, limits.files ? `Send this form as ${URLENCODED} or ${MULTIPART}.` : `Send this form as ${URLENCODED}.`);
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw bodyTooLarge(limits.maxBytes);

  const bytes = await readCapped(request, limits.maxBytes);
  const form = mime === MULTIPART ? await parseMultipart(bytes, contentType) : urlencoded(bytes);
  checkShape(form, limits);
  return form;
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw bodyTooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    // The HTTP layer stops a chunked body at its own limit by failing the stream with a 413.
    if ((error as { status?: unknown } | null)?.status === 413) throw bodyTooLarge(maxBytes);
    throw refuse(400, "The request body could not be read.");
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

function urlencoded(bytes: Uint8Array): FormData {
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) form.append(name, value);
  return form;
}

async function parseMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData> {
  try {
    return await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw refuse(400, "The upload is not a valid multipart body.");
  }
}

const INDEX = /\[(\d+)\]/g;

function checkShape(form: FormData, limits: FormLimits) {
  const arrays = new Map<string, number>();
  let fields = 0;
  let total = 0;
  for (const [name, value] of form) {
    if (++fields > limits.maxFields) throw refuse(400, `Too many fields: this form takes at most ${limits.maxFields}.`);
    if (name.length > MAX_NAME_LENGTH) throw refuse(400, "A field name is too long.");
    if (typeof value === "string" && value.length > limits.maxValueLength) {
      throw refuse(400, `A value is too long: at most ${limits.maxValueLength.toLocaleString("en-US")} characters per field.`);
    }
    if (typeof value === "string" && (total += value.length) > limits.maxTotalLength) {
      throw refuse(400, `The form is too long: at most ${limits.maxTotalLength.toLocaleString("en-US")} characters in all.`);
    }
    for (const match of name.matchAll(INDEX)) {
      const index = Number(match[1]);
      if (index > limits.maxIndex) throw refuse(400, `A list in this form has at most ${limits.maxIndex + 1} entries.`);
      const array = name.slice(0, match.index);
      arrays.set(array, Math.max(arrays.get(array) ?? -1, index));
    }
  }
  let slots = 0;
  for (const highest of arrays.values()) slots += highest + 1;
  if (slots > limits.maxArraySlots) throw refuse(400, "The lists in this form have too many entries.");
}

// A placeholder origin: only the shape of the target matters, never the host the request came in on.
const BASE = "http://rampart.invalid";

const MAX_TARGET_LENGTH = 2048;

// Browsers silently drop tab, CR and LF inside URLs and treat a backslash as a slash, so "/\t/evil.example"
// and "/\\evil.example" become "//evil.example" (another site). Other controls and Unicode spaces make the
// Location header invalid (a 500 after the session was created). None belongs in a path we link to.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/u;

/**
 * The only way to follow a user-supplied `redirectTo`: a same-origin path
 * ("/x?y#z") or the fallback. The target is resolved against a fixed origin
 * and the resolved path is returned, so dot segments cannot turn "/.//evil"
 * into a protocol-relative "//evil".
 */
export function safeRedirect(to: unknown, fallback: string): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_TARGET_LENGTH) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || FORBIDDEN.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (target.startsWith("//") || FORBIDDEN.test(target)) return fallback;
  return target;
}

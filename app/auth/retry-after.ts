/**
 * For a route's `headers` export: Remix builds a page's headers only from
 * what that function returns, so without this a 429's Retry-After (from a
 * thrown or returned throttle response) would not reach the client.
 */
export function retryAfterFrom(...sources: Array<Headers | undefined>): Record<string, string> {
  for (const headers of sources) {
    const value = headers?.get("Retry-After");
    if (value) return { "Retry-After": value };
  }
  return {};
}

import { createContext, useContext } from "react";

// The CSP nonce of the current response, for every <script> React renders.
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}

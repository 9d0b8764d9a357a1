/** The GET parameters of the risk form's two pickers' searches (shared by the loader and the form). */
export const RISK_LINK_QUERIES = { workstreams: "ws_q", milestones: "ms_q" } as const;

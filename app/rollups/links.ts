// Where each reason points: the list of rows behind it, filtered.
export const links = {
  milestone: (code: string) => `/milestones?q=${encodeURIComponent(code)}`,
  workstream: (code: string) => `/workstreams/${encodeURIComponent(code)}`,
  workstreamActuals: (code: string) => `/budget?ws=${encodeURIComponent(code)}`,
  risk: (code: string) => `/risks/${encodeURIComponent(code)}`,
  measure: (key: string) => `/measures/${encodeURIComponent(key)}`,
  workstreamReports: (code: string) => `/workstreams/${encodeURIComponent(code)}#status-reports`,
};

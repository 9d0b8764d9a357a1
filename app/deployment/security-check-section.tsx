import type { SecurityFinding } from "./security-check.server";

/** The `security:check` findings for the running server, shown to administrators on /admin/settings. */
export function SecurityCheckSection({ findings }: { findings: SecurityFinding[] }) {
  const weak = findings.filter((f) => f.level === "weak").length;
  return (
    <section id="deployment" aria-labelledby="deployment-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="deployment-heading" className="text-lg font-semibold">
        Deployment checks
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {weak ? `${weak} weak setting${weak === 1 ? "" : "s"} in the server's environment.` : "No weak settings in the server's environment."} The same list
        comes from <code>npm run cli -- security:check</code>; settings change only with the environment and a restart.
      </p>
      {findings.length ? (
        <ul className="mt-3 space-y-2 text-sm" data-testid="security-findings">
          {findings.map((f) => (
            <li key={`${f.id}-${f.level}`} className={f.level === "weak" ? "text-red-800" : "text-slate-700"}>
              <span className="mr-2 font-semibold">{f.level === "weak" ? "Weak" : "Note"}</span>
              {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

import { inArray } from "drizzle-orm";
import { evidence, obligations } from "#db/schema";
import { evidenceStorage } from "~/evidence/storage/index.server";
import { addDays } from "~/money/fiscal";
import { demoCsv, demoPdf } from "./evidence-files";
import type { PeopleIds } from "./people";
import { at, type Tx } from "./support";

type Plan = { code: string; on: string; title: string; description: string; expires?: string; fileName: string; bytes: () => Uint8Array };

// Evidence the CISO office filed for decree and board measures, each on the day it arrived.
const PLAN: Plan[] = [
  {
    code: "OB-14",
    on: "2024-03-18",
    title: "Identity provider report: FIDO2 enforced on privileged accounts",
    description: "Export from the identity provider showing every privileged account enforcing a FIDO2 key.",
    fileName: "idp-privileged-fido2-2024-03-18.csv",
    bytes: () =>
      demoCsv(
        ["group", "accounts", "fido2_enforced"],
        [
          ["domain-admins", 42, 42],
          ["cloud-admins", 67, 67],
          ["network-admins", 31, 31],
        ],
      ),
  },
  {
    code: "OB-12",
    on: "2024-12-16",
    title: "Compliance plan as filed with the FCC",
    description: "The compliance plan and the General Counsel's appointment of the compliance officer.",
    fileName: "fcc-compliance-plan.pdf",
    bytes: () =>
      demoPdf("Compliance plan: FCC consent decree DA 24-860", [
        "Compliance officer appointed by the General Counsel.",
        "Filed with the FCC Enforcement Bureau.",
      ]),
  },
  {
    code: "OB-04",
    on: "2025-01-28",
    title: "Written information security programme v1.0 (board-approved)",
    description: "The programme document as approved by the board.",
    fileName: "wisp-v1.0.pdf",
    bytes: () => demoPdf("Written Information Security Programme v1.0", ["Covers every measure of the consent decree.", "Approved by the board."]),
  },
  {
    code: "OB-06",
    on: "2025-03-24",
    title: "Certified inventory of critical network assets",
    description: "CMDB export with owner attestations; certified annually.",
    expires: "2026-03-24",
    fileName: "critical-assets-2025.csv",
    bytes: () =>
      demoCsv(
        ["asset_class", "assets", "attested"],
        [
          ["core-network", 214, 214],
          ["customer-data-stores", 88, 88],
          ["identity", 19, 19],
        ],
      ),
  },
  {
    code: "OB-10",
    on: "2025-12-19",
    title: "Annual security training completion FY2026",
    description: "LMS completion by business unit; renewed every year.",
    expires: "2026-12-19",
    fileName: "training-completion-fy2026.csv",
    bytes: () =>
      demoCsv(
        ["business_unit", "staff", "completed"],
        [
          ["retail", 21400, 20977],
          ["care", 9800, 9702],
          ["technology", 6100, 6100],
        ],
      ),
  },
];

/** Files the demo's evidence rows name, stored under EVIDENCE_DIR (content-addressed, so a re-seed reuses them). */
export function insertEvidence(tx: Tx, today: string, people: PeopleIds): void {
  const due = PLAN.filter((p) => p.on <= today);
  if (!due.length) return;
  const ids = new Map(
    tx
      .select({ id: obligations.id, code: obligations.code })
      .from(obligations)
      .where(
        inArray(
          obligations.code,
          due.map((p) => p.code),
        ),
      )
      .all()
      .map((r) => [r.code, r.id]),
  );
  const storage = evidenceStorage();
  const rows = due.flatMap((p) => {
    const parentId = ids.get(p.code);
    if (parentId === undefined) return [];
    const file = storage.putBytesSync(p.bytes());
    return [
      {
        parentKind: "obligation" as const,
        parentId,
        title: p.title,
        description: p.description,
        evidenceDate: addDays(p.on, -1),
        expiresOn: p.expires ?? null,
        fileName: p.fileName,
        fileType: p.fileName.endsWith(".pdf") ? ("pdf" as const) : ("csv" as const),
        sizeBytes: file.size,
        sha256: file.sha256,
        uploadedById: people.ciso,
        uploadedAt: at(p.on, "15:00"),
      },
    ];
  });
  if (rows.length) tx.insert(evidence).values(rows).run();
}

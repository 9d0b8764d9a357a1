import type { Role } from "#db/schema/enums";
import { users } from "#db/schema";
import { insertMany, stamps, type Tx } from "./support";

export const DEMO_DOMAIN = "rampart-demo.example";

export type PersonKey =
  | "admin"
  | "ciso"
  | "pmo"
  | "leadNetwork"
  | "leadEasm"
  | "leadIdentity"
  | "leadData"
  | "leadSoc"
  | "leadFraud"
  | "leadGovernance"
  | "leadAwareness"
  | "ceo"
  | "cio"
  | "cfo"
  | "gc"
  | "boardChair"
  | "boardDirector";

export type Person = {
  key: PersonKey;
  name: string;
  role: Role;
  /** Job title; not stored (users have no title), used in narrative text. */
  title: string;
  /** Gets a random password, returned once as a demo credential. */
  credentialed?: boolean;
  since: string;
};

// One credentialed account per role; the other people exist so every workstream,
// risk and engagement has a plausible named owner, but cannot sign in until invited.
export const PEOPLE: readonly Person[] = [
  { key: "admin", name: "Priya Raman", role: "admin", title: "Platform administrator", credentialed: true, since: "2021-11-29" },
  {
    key: "ciso",
    name: "Elena Marsh",
    role: "ciso_office",
    title: "Chief Information Security Officer, head of the Cybersecurity Transformation Office",
    credentialed: true,
    since: "2021-11-29",
  },
  { key: "leadNetwork", name: "Tom Brandt", role: "workstream_lead", title: "Director, Network Security Engineering", credentialed: true, since: "2021-12-06" },
  { key: "ceo", name: "Rachel Donovan", role: "executive", title: "Chief Executive Officer", credentialed: true, since: "2021-11-29" },
  { key: "boardChair", name: "Harold Ng", role: "board", title: "Chair of the Audit Committee", credentialed: true, since: "2022-01-10" },
  { key: "pmo", name: "Sam Whitaker", role: "ciso_office", title: "Programme Director, Cybersecurity Transformation Office", since: "2021-11-29" },
  { key: "leadEasm", name: "Aisha Karimi", role: "workstream_lead", title: "Head of Attack Surface Management", since: "2021-12-06" },
  { key: "leadIdentity", name: "Wei Zhang", role: "workstream_lead", title: "Director, Identity and Access Management", since: "2021-12-06" },
  { key: "leadData", name: "Laura Benitez", role: "workstream_lead", title: "Director, Data Protection", since: "2022-02-14" },
  { key: "leadSoc", name: "Marcus Reid", role: "workstream_lead", title: "Director, Security Operations Centre", since: "2021-12-06" },
  { key: "leadFraud", name: "Nadia Flores", role: "workstream_lead", title: "Director, Fraud Prevention and Customer Protection", since: "2021-12-06" },
  { key: "leadGovernance", name: "Owen Gallagher", role: "workstream_lead", title: "Director, Cyber Governance, Risk and Compliance", since: "2021-12-06" },
  { key: "leadAwareness", name: "Grace Mensah", role: "workstream_lead", title: "Head of Security Culture and Awareness", since: "2022-03-07" },
  { key: "cio", name: "Daniel Kessler", role: "executive", title: "Chief Information Officer", since: "2021-11-29" },
  { key: "cfo", name: "Maria Lindqvist", role: "executive", title: "Chief Financial Officer", since: "2021-11-29" },
  { key: "gc", name: "Jonathan Pierce", role: "executive", title: "General Counsel", since: "2021-11-29" },
  { key: "boardDirector", name: "Simone Castellanos", role: "board", title: "Independent Director, Technology and Cyber Committee", since: "2022-01-10" },
];

export function emailOf(person: Pick<Person, "name">): string {
  return `${person.name.toLowerCase().replace(/[^a-z]+/g, ".")}@${DEMO_DOMAIN}`;
}

export function person(key: PersonKey): Person {
  const found = PEOPLE.find((p) => p.key === key);
  if (!found) throw new Error(`Unknown demo person ${key}`);
  return found;
}

export type PeopleIds = Record<PersonKey, number>;

/** Inserts everyone; `passwordHashes` holds the argon2 hashes of the credentialed accounts, by email. */
export function insertPeople(tx: Tx, passwordHashes: ReadonlyMap<string, string>): PeopleIds {
  insertMany(
    tx,
    users,
    PEOPLE.map((p) => ({
      email: emailOf(p),
      name: p.name,
      role: p.role,
      passwordHash: passwordHashes.get(emailOf(p)) ?? null,
      active: true,
      ...stamps(p.since, p.since, "09:00"),
    })),
  );
  const rows = tx.select({ id: users.id, email: users.email }).from(users).all();
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  const ids = {} as PeopleIds;
  for (const p of PEOPLE) {
    const id = byEmail.get(emailOf(p));
    if (id === undefined) throw new Error(`Demo user ${p.key} was not inserted`);
    ids[p.key] = id;
  }
  return ids;
}

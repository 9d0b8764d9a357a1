import { useEffect, useRef, useState } from "react";
import { Field, TextareaField } from "~/components/forms/field";

export type EvidenceFormErrors = Partial<Record<"title" | "description" | "evidenceDate" | "expiresOn" | "file", string[]>>;
export type EvidenceFormValues = Partial<Record<"title" | "description" | "evidenceDate" | "expiresOn", string>>;

/**
 * The upload form: a plain multipart POST that works without JavaScript (the
 * browser streams the file; the page it lands on shows any error beside its
 * field). Once scripts load, the file box also takes a file dropped on it.
 */
export function EvidenceForm({
  action,
  today,
  maxMb,
  errors = {},
  values = {},
  submitLabel = "Upload evidence",
}: {
  action: string;
  today: string;
  maxMb: number;
  errors?: EvidenceFormErrors;
  values?: EvidenceFormValues;
  submitLabel?: string;
}) {
  const zone = useRef<HTMLLabelElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const el = zone.current;
    if (!el) return;
    const over = (e: DragEvent) => {
      e.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      if (input.current && e.dataTransfer?.files.length) {
        input.current.files = e.dataTransfer.files;
        setChosen(e.dataTransfer.files[0]?.name ?? null);
      }
    };
    el.addEventListener("dragover", over);
    el.addEventListener("dragleave", leave);
    el.addEventListener("drop", drop);
    return () => {
      el.removeEventListener("dragover", over);
      el.removeEventListener("dragleave", leave);
      el.removeEventListener("drop", drop);
    };
  }, []);

  return (
    <form method="post" encType="multipart/form-data" action={action} className="space-y-3" onSubmit={() => setPending(true)}>
      <Field label="Title" name="title" required maxLength={200} defaultValue={values.title ?? ""} errors={errors.title} />
      <TextareaField label="Description" name="description" rows={3} maxLength={4000} defaultValue={values.description ?? ""} errors={errors.description} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Evidence date"
          hint="The day the evidence speaks for, not today's upload."
          name="evidenceDate"
          type="date"
          required
          defaultValue={values.evidenceDate ?? today}
          errors={errors.evidenceDate}
        />
        <Field
          label="Expires on (optional)"
          hint="For evidence that must be renewed, e.g. an annual assessment."
          name="expiresOn"
          type="date"
          defaultValue={values.expiresOn ?? ""}
          errors={errors.expiresOn}
        />
      </div>
      <div>
        <label ref={zone} className={`block rounded border-2 border-dashed p-4 text-sm ${dragging ? "border-sky-700 bg-sky-50" : "border-slate-300"}`}>
          <span className="font-medium text-slate-700">File</span>{" "}
          <span className="text-slate-500">
            (PDF, Office document, image, CSV, text or ZIP; at most {maxMb} MB{chosen ? `; chosen: ${chosen}` : "; choose or drop a file here"})
          </span>
          <input ref={input} type="file" name="file" required className="mt-2 block" onChange={(e) => setChosen(e.currentTarget.files?.[0]?.name ?? null)} />
        </label>
        {errors.file?.length ? (
          <ul className="mt-1 text-sm text-red-700" role="alert">
            {errors.file.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="rounded bg-sky-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60"
      >
        {pending ? "Uploading…" : submitLabel}
      </button>
    </form>
  );
}

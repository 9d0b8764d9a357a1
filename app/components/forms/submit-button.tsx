import { useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";

/** A submit button that shows it is working while its form is in flight. */
export function SubmitButton({ children, pendingText, className, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { pendingText?: string }) {
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" && navigation.formMethod != null && navigation.formMethod.toLowerCase() !== "get";
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending}
      className={`rounded bg-sky-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60 ${className ?? ""}`}
      {...props}
    >
      {pending ? (pendingText ?? "Saving…") : children}
    </button>
  );
}

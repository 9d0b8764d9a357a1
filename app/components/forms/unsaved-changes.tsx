import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";

const MESSAGE = "You have unsaved changes on this page. Leave without saving them?";

/**
 * Warns before leaving a page whose form has been typed into and not saved
 * (issue 13: typed text was lost without warning). Closing or reloading the
 * tab gets the browser's own prompt (beforeunload); a link or another form
 * on the page gets a confirm. Submitting this form itself is not leaving.
 * Without JavaScript nothing is lost either way: the server keeps the edit forms' text on a refused save.
 */
export function useUnsavedChanges(formId: string) {
  const dirty = useRef(false);
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!form) return;
    const mark = () => {
      dirty.current = true;
    };
    // A native listener on the form runs before Remix's delegated submit handler starts the navigation;
    // when client-side validation then stops the submission (defaultPrevented), the changes are still unsaved.
    const clear = (event: Event) => {
      dirty.current = false;
      setTimeout(() => {
        if (event.defaultPrevented) dirty.current = true;
      }, 0);
    };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("submit", clear);
    return () => {
      form.removeEventListener("input", mark);
      form.removeEventListener("change", mark);
      form.removeEventListener("submit", clear);
      dirty.current = false;
    };
  }, [formId]);

  useBeforeUnload(
    useCallback((event: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = "";
    }, []),
  );

  // Any navigation while dirty is someone else's: this form's own submission has cleared the flag.
  // One to the same page (a picker's Find, docs/decisions/020) keeps the form and its text, so it is not leaving.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(MESSAGE)) {
      dirty.current = false;
      blocker.proceed();
    } else blocker.reset();
  }, [blocker]);
}

/** The hook as an element, for forms rendered inside a component that cannot call hooks conditionally. */
export function UnsavedChangesWarning({ formId }: { formId: string }) {
  useUnsavedChanges(formId);
  return null;
}

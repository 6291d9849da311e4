/**
 * A labelled form field with an optional hint and its error message announced next to it.
 * `aside` shows a short note at the right of the label (e.g. the vendor's column name),
 * hidden from screen readers so the accessible name stays the label. `hideLabel` keeps the
 * label for screen readers only, for a field whose row already says what it is.
 */
export function Field({
  id,
  label,
  aside,
  hint,
  error,
  hideLabel,
  children,
}: {
  id: string;
  label: string;
  aside?: string;
  hint?: string;
  error?: string;
  hideLabel?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <label
        htmlFor={id}
        className={hideLabel ? "sr-only" : "flex flex-wrap items-baseline justify-between gap-x-2 text-sm font-medium"}
      >
        {label}
        {aside ? (
          <span aria-hidden className="font-mono text-[11px] font-normal text-muted">
            {aside}
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

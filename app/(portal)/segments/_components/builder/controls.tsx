"use client";

import { Input } from "@/app/_components/ui/input";
import type { Condition } from "@/server/domains/segment/schema";

/** Issue messages by path ("children.0.value"), from validating the definition in the browser. */
export type BuilderErrors = Record<string, string>;

/**
 * What each kind of condition's controls get: the condition, its accessible name ("Condition 2.1"),
 * the key of its issues in `errors` and where to send the edited condition.
 */
export type ConditionControlsProps<Kind extends Condition["kind"]> = {
  node: Extract<Condition, { kind: Kind }>;
  name: string;
  errorKey: string;
  errors: BuilderErrors;
  onChange: (next: Condition) => void;
};

export const selectClass = "min-w-36";

export function ErrorText({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-danger">
      {message}
    </p>
  );
}

/** "Within the last N days": the number of days, with its error. */
export function DaysInput({
  className,
  days,
  name,
  errorKey,
  errors,
  onChange,
}: {
  className: string;
  days: number | undefined;
  name: string;
  errorKey: string;
  errors: BuilderErrors;
  onChange: (days: number | undefined) => void;
}) {
  const error = errors[`${errorKey}.days`];
  return (
    <div className={className}>
      <Input
        type="number"
        min={1}
        max={3650}
        aria-label={`${name} days`}
        aria-invalid={!!error}
        aria-describedby={error ? `${errorKey}-days-error` : undefined}
        value={days ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
      <ErrorText id={`${errorKey}-days-error`} message={error} />
    </div>
  );
}

"use client";

import { cn } from "@/app/_components/ui/cn";
import { FormControl, FormItem, FormMessage } from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
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

/** One of a fixed list of choices, each shown by its label. */
export function ChoiceSelect<T extends string>({
  label,
  value,
  choices,
  labelOf,
  onChange,
}: {
  label: string;
  value: T;
  choices: readonly T[];
  labelOf: (choice: T) => string;
  onChange: (choice: T) => void;
}) {
  return (
    <Select aria-label={label} className={selectClass} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {labelOf(choice)}
        </option>
      ))}
    </Select>
  );
}

/** A condition's control with its issue below it; the builder, not react-hook-form, holds both. */
export function ConditionItem({
  className,
  error,
  children,
}: {
  className?: string;
  error?: string;
  children: React.ReactElement;
}) {
  return (
    <FormItem className={cn("space-y-1", className)} error={error}>
      <FormControl>{children}</FormControl>
      <FormMessage />
    </FormItem>
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
  return (
    <ConditionItem className={className} error={errors[`${errorKey}.days`]}>
      <Input
        type="number"
        min={1}
        max={3650}
        aria-label={`${name} days`}
        value={days ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
    </ConditionItem>
  );
}

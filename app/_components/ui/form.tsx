"use client";

import { Label, Slot } from "radix-ui";
import { createContext, useContext, useEffect, useId, useState } from "react";
import {
  Controller,
  FormProvider,
  type ControllerProps,
  type FieldPath,
  type FieldValues,
  type UseFormSetError,
} from "react-hook-form";
import { useHydrated } from "../use-hydrated";
import { cn } from "./cn";

// shadcn/ui's form on react-hook-form and Radix: a field's label, hint and error are tied to its
// control through context (the control's id, aria-describedby, aria-invalid), so no form wires
// them by hand. Ids follow one pattern: the control's id, `<id>-hint` and `<id>-error`.

export const Form = FormProvider;

/** The error react-hook-form holds for the FormField around. */
const FieldContext = createContext<{ error?: string } | null>(null);

type Item = { id: string; error?: string; described: boolean; setDescribed: (described: boolean) => void };
const ItemContext = createContext<Item | null>(null);

function useFormItem() {
  const item = useContext(ItemContext);
  if (!item) throw new Error("FormLabel, FormControl and FormDescription belong inside a FormItem");
  return item;
}

/** A react-hook-form Controller whose field's error reaches the FormItem it renders. */
export function FormField<TValues extends FieldValues, TName extends FieldPath<TValues>, TTransformed = TValues>({
  render,
  ...props
}: ControllerProps<TValues, TName, TTransformed>) {
  return (
    <Controller
      {...props}
      render={(args) => <FieldContext value={{ error: args.fieldState.error?.message }}>{render(args)}</FieldContext>}
    />
  );
}

/**
 * One field: label, control, hint and error. `id` is the control's id, for a spec or a link that
 * points at the field (made up when not given). Inside a FormField the field's own error shows;
 * `error` replaces it, for state react-hook-form does not hold (the login form's server action)
 * or a message drawn from more than one field (a placeholder row's field or value).
 */
export function FormItem({ id, error, className, ...props }: React.ComponentProps<"div"> & { error?: string }) {
  const generated = useId();
  const field = useContext(FieldContext);
  const [described, setDescribed] = useState(false);
  return (
    <ItemContext value={{ id: id ?? generated, error: error ?? field?.error, described, setDescribed }}>
      <div className={cn("space-y-1.5", className)} {...props} />
    </ItemContext>
  );
}

/**
 * The field's label. `aside` shows a short note at its right (e.g. the vendor's column name),
 * hidden from screen readers so the accessible name stays the label; className "sr-only" keeps
 * the label for screen readers only, for a field whose row already says what it is.
 */
export function FormLabel({
  aside,
  className,
  children,
  ...props
}: React.ComponentProps<typeof Label.Root> & { aside?: string }) {
  const { id } = useFormItem();
  return (
    <Label.Root
      htmlFor={id}
      className={cn(
        aside ? "flex flex-wrap items-baseline justify-between gap-x-2" : "block",
        "text-sm font-medium",
        className,
      )}
      {...props}
    >
      {children}
      {aside ? (
        <span aria-hidden className="font-mono text-[11px] font-normal text-muted">
          {aside}
        </span>
      ) : null}
    </Label.Root>
  );
}

/**
 * The input, select or textarea of the field: gets its id, its hint and error as description, and
 * aria-invalid. A second control of the same field (a fixed value beside its select) gives its own id.
 * It stays disabled until the page is hydrated: what is typed before that would not reach the form's
 * state, and the save would quietly leave it out. `worksWithoutScript` is for a native form that
 * submits before then (the login form's server action).
 */
export function FormControl({
  worksWithoutScript,
  ...props
}: React.ComponentProps<typeof Slot.Root> & { worksWithoutScript?: boolean }) {
  const { id, error, described } = useFormItem();
  const hydrated = useHydrated() || worksWithoutScript;
  const describedBy = [described ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <Slot.Root
      id={id}
      aria-describedby={describedBy || undefined}
      aria-invalid={!!error}
      {...(hydrated ? {} : { disabled: true })}
      {...props}
    />
  );
}

/** The field's hint, read with the control. */
export function FormDescription({ className, ...props }: React.ComponentProps<"p">) {
  const { id, setDescribed } = useFormItem();
  // The control names the hint only while it is shown.
  useEffect(() => {
    setDescribed(true);
    return () => setDescribed(false);
  }, [setDescribed]);
  return <p id={`${id}-hint`} className={cn("text-xs text-muted", className)} {...props} />;
}

/**
 * The field's error, announced as it appears. Outside a FormItem (or for a field without an error)
 * it shows its children instead, e.g. the form-level `errors.root` message.
 */
export function FormMessage({ className, children, ...props }: React.ComponentProps<"p">) {
  const item = useContext(ItemContext);
  const body = item?.error ?? children;
  if (!body) return null;
  return (
    <p
      id={item?.error ? `${item.id}-error` : undefined}
      role="alert"
      className={cn("text-sm text-danger", className)}
      {...props}
    >
      {body}
    </p>
  );
}

/** A tRPC error as server/trpc/init.ts shapes it: a DomainError's `field`, or a zod refusal's `fieldErrors`. */
type ServerError = {
  message: string;
  data?: { field?: string; fieldErrors?: Record<string, string[] | undefined> } | null;
};

/**
 * Shows a server error next to the field it names (a DomainError's field first, then the fields
 * of a zod refusal) and focuses it, or above the form (`root`) when the form shows none of them.
 * `fieldFor` lists the form's fields a server name can be, or maps a name onto one (undefined:
 * none). Returns where the message went.
 */
export function setServerError<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: ServerError,
  fieldFor: readonly FieldPath<T>[] | ((name: string) => FieldPath<T> | undefined),
): FieldPath<T> | "root" {
  const find = typeof fieldFor === "function" ? fieldFor : (name: string) => fieldFor.find((f) => f === name);
  const zodIssues = Object.entries(error.data?.fieldErrors ?? {}).filter(
    (issue): issue is [string, string[]] => !!issue[1]?.length,
  );
  const named: [string, string][] = error.data?.field
    ? [[error.data.field, error.message]]
    : zodIssues.map(([name, [message = ""]]) => [name, message]);
  for (const [name, message] of named) {
    const field = find(name);
    if (field) {
      setError(field, { message }, { shouldFocus: true });
      return field;
    }
  }
  // A zod refusal's own message is its issues as JSON; its messages read better.
  setError("root", {
    message: zodIssues.length ? zodIssues.flatMap(([, messages]) => messages).join(" ") : error.message,
  });
  return "root";
}

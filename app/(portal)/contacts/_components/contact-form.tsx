"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useMemo } from "react";
import { useFieldArray, useForm, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { Field } from "@/app/_components/ui/field";
import { useTRPC } from "@/app/_trpc/provider";
import type { getContact } from "@/server/domains/contact/get-contact";
import {
  contactForm,
  type Channel,
  type createContactInput,
  type updateContactInput,
} from "@/server/domains/contact/schema";
import { channelLabels, countryOptions } from "./labels";

export type ContactDetail = Awaited<ReturnType<typeof getContact>>;
type Values = z.input<typeof createContactInput>;
type Output = z.output<typeof createContactInput>;
type UpdateData = z.input<typeof updateContactInput>["data"];

const plainFields = [
  "mobileNumber",
  "mobileCountry",
  "email",
  "firstName",
  "lastName",
  "postalStreet1",
  "postalStreet2",
  "city",
  "state",
  "postalCode",
  "country",
] as const;
// Responsys profile-list column of each channel's permission (Responsys has MOBILE_PERMISSION_STATUS).
const permissionColumns = {
  whatsapp: undefined,
  sms: "MOBILE_PERMISSION_STATUS",
  email: "EMAIL_PERMISSION_STATUS",
} as const;

function defaultsFor(contact?: ContactDetail): Values {
  const fields = Object.fromEntries(plainFields.map((f) => [f, contact?.[f] ?? ""])) as Record<
    (typeof plainFields)[number],
    string
  >;
  return {
    ...fields,
    attributes: Object.entries(contact?.attributes ?? {}).map(([key, value]) => ({
      key,
      value: value === null ? "" : String(value),
    })),
    permissions: {
      whatsapp: contact?.consent.whatsapp?.state ?? "",
      sms: contact?.consent.sms?.state ?? "",
      email: contact?.consent.email?.state ?? "",
    },
  };
}

/** A label with the profile-list column it maps to, the input, a hint and the field's error. */
const describedBy = (id: string, hint: boolean, error: unknown) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

function CountryOptions({ current }: { current?: string | null }) {
  return (
    <>
      <option value="">—</option>
      {/* A value stored before countries were codes stays visible instead of silently changing. */}
      {current && !countryOptions.some((c) => c.code === current) ? <option value={current}>{current}</option> : null}
      {countryOptions.map((c) => (
        <option key={c.code} value={c.code} suppressHydrationWarning>
          {c.name} ({c.code})
        </option>
      ))}
    </>
  );
}

/**
 * The "New record" form (as on a Responsys profile list) and the edit form of a record. Editing
 * sends only the fields that were changed, so a stored value the rules no longer accept does not
 * block other edits.
 */
export function ContactForm({
  contact,
  onSaved,
  onCancel,
}: {
  contact?: ContactDetail;
  onSaved: (id: string, changed: boolean) => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const schema = useMemo(() => contactForm(contact?.mobileNumber), [contact?.mobileNumber]);
  const defaultValues = useMemo(() => defaultsFor(contact), [contact]);
  const form = useForm<Values, unknown, Output>({ resolver: zodResolver(schema), defaultValues });
  const attributes = useFieldArray({ control: form.control, name: "attributes" });
  const { errors, dirtyFields } = form.formState;
  const prefix = contact ? "edit" : "new";

  const onError = (error: {
    message: string;
    data?: { field?: string; fieldErrors?: Record<string, string[] | undefined> } | null;
  }) => {
    const known = (f: string | undefined): f is FieldPath<Values> =>
      !!f && (plainFields as readonly string[]).includes(f);
    const [zodField, zodMessages] = Object.entries(error.data?.fieldErrors ?? {}).find(([, m]) => m?.length) ?? [];
    if (known(error.data?.field)) form.setError(error.data.field, { message: error.message }, { shouldFocus: true });
    else if (known(zodField)) form.setError(zodField, { message: zodMessages?.[0] }, { shouldFocus: true });
    else
      form.setError("root", {
        message: zodField ? "Some fields are not valid: check them and save again" : error.message,
      });
  };
  const create = useMutation(trpc.contact.create.mutationOptions({ onSuccess: (r) => onSaved(r.id, true), onError }));
  const update = useMutation(trpc.contact.update.mutationOptions({ onSuccess: (r) => onSaved(r.id, true), onError }));
  const pending = create.isPending || update.isPending;

  const submit = form.handleSubmit((values) => {
    if (!contact) return create.mutate(values);
    const data: UpdateData = {};
    for (const field of plainFields) if (dirtyFields[field]) data[field] = values[field];
    if (dirtyFields.attributes) data.attributes = values.attributes;
    if (dirtyFields.permissions) data.permissions = values.permissions;
    if (Object.keys(data).length === 0) return onSaved(contact.id, false);
    update.mutate({ id: contact.id, data });
  });

  const text = (
    field: (typeof plainFields)[number],
    label: string,
    column: string,
    options: {
      hint?: string;
      type?: string;
      autoComplete?: string;
      placeholder?: string;
      inputMode?: "tel" | "email";
    } = {},
  ) => {
    const id = `${prefix}-${field}`;
    const error = errors[field]?.message;
    return (
      <Field id={id} label={label} aside={column} hint={options.hint} error={error}>
        <Input
          id={id}
          type={options.type ?? "text"}
          autoComplete={options.autoComplete ?? "off"}
          placeholder={options.placeholder}
          inputMode={options.inputMode}
          aria-invalid={!!error}
          aria-describedby={describedBy(id, !!options.hint, error)}
          {...form.register(field)}
        />
      </Field>
    );
  };

  const country = (field: "mobileCountry" | "country", label: string, column: string, hint?: string) => {
    const id = `${prefix}-${field}`;
    const error = errors[field]?.message;
    return (
      <Field id={id} label={label} aside={column} hint={hint} error={error}>
        <Select
          id={id}
          className="w-full"
          aria-invalid={!!error}
          aria-describedby={describedBy(id, !!hint, error)}
          {...form.register(field)}
        >
          <CountryOptions current={contact?.[field]} />
        </Select>
      </Field>
    );
  };

  const permission = (channel: Channel, label: string) => {
    const id = `${prefix}-permission-${channel}`;
    const recorded = contact?.consent[channel];
    return (
      <Field
        id={id}
        label={label}
        aside={permissionColumns[channel]}
        hint={contact ? "A change is added to the consent history as an admin change." : undefined}
      >
        <Select
          id={id}
          className="w-full"
          aria-describedby={contact ? `${id}-hint` : undefined}
          {...form.register(`permissions.${channel}`)}
        >
          {/* The history has no "unknown" state to go back to once something was recorded. */}
          {recorded ? null : <option value="">{contact ? "Not recorded" : "Not set"}</option>}
          <option value="opt_in">Opt in</option>
          <option value="opt_out">Opt out</option>
        </Select>
      </Field>
    );
  };

  const section = "grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2";
  const legend = "float-left mb-1 w-full text-base font-semibold sm:col-span-2";

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="max-w-4xl space-y-5">
      <fieldset className={section}>
        <legend className={legend}>Mobile</legend>
        {text("mobileNumber", "Mobile number", "MOBILE_NUMBER", {
          type: "tel",
          autoComplete: "tel",
          inputMode: "tel",
          placeholder: "+44 7911 123456",
          hint: "Saved in international format (E.164). Without + and a country code, it is read in the mobile country.",
        })}
        {country("mobileCountry", "Mobile country", "MOBILE_COUNTRY")}
        {permission("whatsapp", `${channelLabels.whatsapp} permission`)}
        {permission("sms", `Mobile permission status (${channelLabels.sms})`)}
      </fieldset>

      <fieldset className={section}>
        <legend className={legend}>Email and name</legend>
        {text("email", "Email", "EMAIL", { type: "email", inputMode: "email", placeholder: "name@example.com" })}
        {permission("email", `${channelLabels.email} permission`)}
        {text("firstName", "First name", "FIRST_NAME", { autoComplete: "off" })}
        {text("lastName", "Last name", "LAST_NAME", { autoComplete: "off" })}
      </fieldset>

      <fieldset className={section}>
        <legend className={legend}>Postal address</legend>
        {text("postalStreet1", "Street", "POSTAL_STREET_1")}
        {text("postalStreet2", "Street, second line", "POSTAL_STREET_2")}
        {text("city", "City", "CITY")}
        {text("state", "State or region", "STATE")}
        {text("postalCode", "Postal code", "POSTAL_CODE")}
        {country("country", "Country", "COUNTRY")}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-line bg-white p-5">
        <legend className="float-left mb-1 w-full text-base font-semibold">Custom attributes</legend>
        <p className="text-sm text-muted">
          Extra profile-list fields, such as OPTIN or LOYALTY_TIER: a name of letters, digits and _, and a value.
        </p>
        {attributes.fields.length === 0 ? <p className="text-sm text-muted">No custom attributes.</p> : null}
        <ul className="space-y-3">
          {attributes.fields.map((row, i) => {
            const keyError = errors.attributes?.[i]?.key?.message;
            const valueError = errors.attributes?.[i]?.value?.message;
            return (
              <li key={row.id} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
                <div>
                  <Input
                    aria-label={`Attribute ${i + 1} name`}
                    placeholder="NAME"
                    className="font-mono"
                    aria-invalid={!!keyError}
                    aria-describedby={keyError ? `${prefix}-attr-${i}-key-error` : undefined}
                    {...form.register(`attributes.${i}.key`)}
                  />
                  {keyError ? (
                    <p id={`${prefix}-attr-${i}-key-error`} role="alert" className="mt-1 text-sm text-danger">
                      {keyError}
                    </p>
                  ) : null}
                </div>
                <div>
                  <Input
                    aria-label={`Attribute ${i + 1} value`}
                    placeholder="Value"
                    aria-invalid={!!valueError}
                    aria-describedby={valueError ? `${prefix}-attr-${i}-value-error` : undefined}
                    {...form.register(`attributes.${i}.value`)}
                  />
                  {valueError ? (
                    <p id={`${prefix}-attr-${i}-value-error`} role="alert" className="mt-1 text-sm text-danger">
                      {valueError}
                    </p>
                  ) : null}
                </div>
                <Button variant="ghost" aria-label={`Remove attribute ${i + 1}`} onClick={() => attributes.remove(i)}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </li>
            );
          })}
        </ul>
        {errors.attributes?.message ? (
          <p role="alert" className="text-sm text-danger">
            {errors.attributes.message}
          </p>
        ) : null}
        <Button variant="secondary" onClick={() => attributes.append({ key: "", value: "" })}>
          <Plus aria-hidden className="size-4" /> Add attribute
        </Button>
      </fieldset>

      {contact ? null : <p className="text-sm text-muted">CREATED_DATE and MODIFIED_DATE are set when you save.</p>}
      {errors.root ? (
        <p role="alert" className="text-sm text-danger">
          {errors.root.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={!hydrated || pending}>
          {pending ? "Saving…" : contact ? "Save changes" : "Save record"}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

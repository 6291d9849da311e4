"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useMemo } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Fieldset } from "@/app/_components/ui/fieldset";
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import {
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
  setServerError,
} from "@/app/_components/ui/form";
import { useTRPC } from "@/app/_trpc/provider";
import type { getContact } from "@/server/domains/contact/get-contact";
import { channels, contactForm, type Channel, type updateContactInput } from "@/server/domains/contact/schema";
import { countryOptions } from "@/app/_components/countries";
import { channelLabels } from "./labels";

export type ContactDetail = Awaited<ReturnType<typeof getContact>>;
type Values = z.input<ReturnType<typeof contactForm>>;
type Output = z.output<ReturnType<typeof contactForm>>;
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
  "timeZone",
  "annexId",
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
 * block other edits, and a permission only when that channel was changed: a form opened before a
 * STOP arrived must not send its stale "opted in" back. An opt-out cannot be set back to opt-in
 * here (the server refuses it too): that is Re-subscribe, with evidence.
 */
export function ContactForm({
  contact,
  timeZones,
  onSaved,
  onCancel,
}: {
  contact?: ContactDetail;
  /** The server's zone list (the page passes it), which the server validates against. */
  timeZones: string[];
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

  const onError = (error: Parameters<typeof setServerError>[1]) =>
    setServerError(form.setError, error, [...plainFields, ...channels.map((c) => `permissions.${c}` as const)]);
  const create = useMutation(trpc.contact.create.mutationOptions({ onSuccess: (r) => onSaved(r.id, true), onError }));
  const update = useMutation(trpc.contact.update.mutationOptions({ onSuccess: (r) => onSaved(r.id, true), onError }));
  const pending = create.isPending || update.isPending;

  const submit = form.handleSubmit((values) => {
    if (!contact) return create.mutate(values);
    const data: UpdateData = {};
    for (const field of plainFields) if (dirtyFields[field]) data[field] = values[field];
    if (dirtyFields.attributes) data.attributes = values.attributes;
    const permissions = channels.filter((c) => dirtyFields.permissions?.[c]);
    if (permissions.length > 0)
      data.permissions = Object.fromEntries(permissions.map((c) => [c, values.permissions?.[c]]));
    if (Object.keys(data).length === 0) return onSaved(contact.id, false);
    update.mutate({ id: contact.id, data });
  });

  const text = (
    field: (typeof plainFields)[number],
    label: string,
    column: string | undefined,
    options: {
      hint?: string;
      type?: string;
      autoComplete?: string;
      placeholder?: string;
      inputMode?: "tel" | "email";
    } = {},
  ) => {
    return (
      <FormField
        control={form.control}
        name={field}
        render={({ field: input }) => (
          <FormItem id={`${prefix}-${field}`}>
            <FormLabel aside={column}>{label}</FormLabel>
            <FormControl>
              <Input
                type={options.type ?? "text"}
                autoComplete={options.autoComplete ?? "off"}
                placeholder={options.placeholder}
                inputMode={options.inputMode}
                {...input}
                value={input.value ?? ""}
              />
            </FormControl>
            {options.hint ? <FormDescription>{options.hint}</FormDescription> : null}
            <FormMessage />
          </FormItem>
        )}
      />
    );
  };

  const country = (field: "mobileCountry" | "country", label: string, column: string, hint?: string) => {
    return (
      <FormField
        control={form.control}
        name={field}
        render={({ field: input }) => (
          <FormItem id={`${prefix}-${field}`}>
            <FormLabel aside={column}>{label}</FormLabel>
            <FormControl>
              <Select className="w-full" {...input} value={input.value ?? ""}>
                <CountryOptions current={contact?.[field]} />
              </Select>
            </FormControl>
            {hint ? <FormDescription>{hint}</FormDescription> : null}
            <FormMessage />
          </FormItem>
        )}
      />
    );
  };

  const zones =
    contact?.timeZone && !timeZones.includes(contact.timeZone) ? [contact.timeZone, ...timeZones] : timeZones;
  const timeZone = (
    <FormField
      control={form.control}
      name="timeZone"
      render={({ field: input }) => (
        <FormItem id={`${prefix}-timeZone`}>
          <FormLabel>Time zone</FormLabel>
          <FormControl>
            <Select className="w-full" {...input} value={input.value ?? ""}>
              <option value="">From the number&apos;s country, else the workspace default</option>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </Select>
          </FormControl>
          <FormDescription>
            Scheduled campaigns reach the contact at their time in this zone. Left empty, a number from a country with
            one time zone (Germany, France…) gets that zone when saved; others use the workspace&apos;s default.
          </FormDescription>
          <FormMessage />
        </FormItem>
      )}
    />
  );

  const permission = (channel: Channel, label: string) => {
    const optedOut = contact?.consent[channel]?.state === "opt_out";
    return (
      <FormField
        control={form.control}
        name={`permissions.${channel}`}
        render={({ field }) => (
          <FormItem id={`${prefix}-permission-${channel}`}>
            <FormLabel aside={permissionColumns[channel]}>{label}</FormLabel>
            <FormControl>
              <Select className="w-full" {...field}>
                {/* The history has no "unknown" state to go back to once something was recorded. */}
                {contact?.consent[channel] ? null : <option value="">{contact ? "Not recorded" : "Not set"}</option>}
                <option value="opt_in" disabled={optedOut}>
                  Opt in
                </option>
                <option value="opt_out">Opt out</option>
              </Select>
            </FormControl>
            {optedOut ? (
              <FormDescription>
                Opted out by the customer or on their behalf: editing does not opt it back in. An admin can re-subscribe
                it from the contact page, with how the customer gave consent.
              </FormDescription>
            ) : contact ? (
              <FormDescription>A change is added to the consent history as an admin change.</FormDescription>
            ) : null}
            <FormMessage />
          </FormItem>
        )}
      />
    );
  };

  const section = "grid gap-4 sm:grid-cols-2";

  return (
    <Form {...form}>
      <form onSubmit={(e) => void submit(e)} noValidate className="max-w-4xl space-y-5">
        <Fieldset legend="Mobile" className={section}>
          {text("mobileNumber", "Mobile number", "MOBILE_NUMBER", {
            type: "tel",
            autoComplete: "tel",
            inputMode: "tel",
            placeholder: "+44 7911 123456",
            hint: "Saved in international format (E.164). Without + and a country code, it is read in the mobile country.",
          })}
          {country("mobileCountry", "Mobile country", "MOBILE_COUNTRY")}
          {timeZone}
          {permission("whatsapp", `${channelLabels.whatsapp} permission`)}
          {permission("sms", `Mobile permission status (${channelLabels.sms})`)}
        </Fieldset>

        <Fieldset legend="Email and name" className={section}>
          {text("email", "Email", "EMAIL", { type: "email", inputMode: "email", placeholder: "name@example.com" })}
          {permission("email", `${channelLabels.email} permission`)}
          {text("firstName", "First name", "FIRST_NAME", { autoComplete: "off" })}
          {text("lastName", "Last name", "LAST_NAME", { autoComplete: "off" })}
        </Fieldset>

        <Fieldset legend="Postal address" className={section}>
          {text("postalStreet1", "Street", "POSTAL_STREET_1")}
          {text("postalStreet2", "Street, second line", "POSTAL_STREET_2")}
          {text("city", "City", "CITY")}
          {text("state", "State or region", "STATE")}
          {text("postalCode", "Postal code", "POSTAL_CODE")}
          {country("country", "Country", "COUNTRY")}
        </Fieldset>

        <Fieldset legend="Loyalty" className={section}>
          {text("annexId", "Annex Cloud id", undefined, {
            hint: "The member's id at Annex Cloud. The loyalty program reads their actions by it, else by email, so a member without an email needs it. Filled in when Annex Cloud names it.",
          })}
        </Fieldset>

        <Fieldset legend="Custom attributes" className="space-y-3">
          <p className="text-sm text-muted">
            Extra profile-list fields, such as OPTIN or LOYALTY_TIER: a name of letters, digits and _, and a value.
          </p>
          {attributes.fields.length === 0 ? <p className="text-sm text-muted">No custom attributes.</p> : null}
          <ul className="space-y-3">
            {attributes.fields.map((row, i) => (
              <li key={row.id} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
                <FormField
                  control={form.control}
                  name={`attributes.${i}.key`}
                  render={({ field }) => (
                    <FormItem className="space-y-1">
                      <FormControl>
                        <Input
                          aria-label={`Attribute ${i + 1} name`}
                          placeholder="NAME"
                          className="font-mono"
                          {...field}
                        />
                      </FormControl>
                      <FormMessage />
                    </FormItem>
                  )}
                />
                <FormField
                  control={form.control}
                  name={`attributes.${i}.value`}
                  render={({ field }) => (
                    <FormItem className="space-y-1">
                      <FormControl>
                        <Input aria-label={`Attribute ${i + 1} value`} placeholder="Value" {...field} />
                      </FormControl>
                      <FormMessage />
                    </FormItem>
                  )}
                />
                <Button variant="ghost" aria-label={`Remove attribute ${i + 1}`} onClick={() => attributes.remove(i)}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </li>
            ))}
          </ul>
          <FormMessage>{errors.attributes?.message}</FormMessage>
          <Button variant="secondary" onClick={() => attributes.append({ key: "", value: "" })}>
            <Plus aria-hidden className="size-4" /> Add attribute
          </Button>
        </Fieldset>

        {contact ? null : <p className="text-sm text-muted">CREATED_DATE and MODIFIED_DATE are set when you save.</p>}
        <FormMessage>{errors.root?.message}</FormMessage>
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
    </Form>
  );
}

"use client";

import { Fieldset } from "@/app/_components/ui/fieldset";
import { useFormat } from "@/app/_components/format";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { useBuilderForm } from "./form";

/** An SMS campaign's own text, with merge fields instead of a template. */
export function SmsText() {
  const format = useFormat();
  const form = useBuilderForm();
  const smsBody = form.watch("smsBody");
  return (
    <Fieldset legend="SMS text" className="space-y-4">
      <FormField
        control={form.control}
        name="smsBody"
        render={({ field }) => (
          <FormItem id="campaign-smsBody">
            <FormLabel>Message</FormLabel>
            <FormControl>
              <textarea
                rows={5}
                className="block w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-xs placeholder:text-muted aria-invalid:border-danger"
                placeholder="Hi {{first_name}}, …"
                {...field}
                value={field.value ?? ""}
              />
            </FormControl>
            <FormDescription>
              {
                "Merge fields fill in each contact's value: {{first_name}}, {{last_name}}, {{email}}, {{mobile_number}}, {{city}}, {{state}}, {{postal_code}}, {{country}}, or a custom attribute as {{attr:KEY}}, e.g. {{attr:loyalty_tier}}. A contact missing a value is skipped."
              }
            </FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      <p className="text-xs text-muted" aria-live="polite">
        {format.count((smsBody ?? "").length)} of {format.count(1600)} characters
      </p>
    </Fieldset>
  );
}

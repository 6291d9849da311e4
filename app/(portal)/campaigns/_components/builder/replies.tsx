"use client";

import { Fieldset } from "@/app/_components/ui/fieldset";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Input } from "@/app/_components/ui/input";
import { useBuilderForm } from "./form";

/** The service level replies to the campaign are held to (seed 002's Service Level). */
export function Replies() {
  const form = useBuilderForm();
  return (
    <Fieldset legend="Replies (optional)" className="space-y-4">
      <FormField
        control={form.control}
        name="serviceLevelMinutes"
        render={({ field }) => (
          <FormItem id="campaign-serviceLevelMinutes">
            <FormLabel aside="minutes">Service level</FormLabel>
            <FormControl>
              <Input
                type="number"
                inputMode="numeric"
                min={1}
                className="w-32"
                {...field}
                value={field.value ?? ""}
                onChange={(e) => field.onChange(e.target.value === "" ? null : e.target.valueAsNumber)}
              />
            </FormControl>
            <FormDescription>
              How soon a customer who replies should have a first response. The conversation list shows when it is due
              and puts overdue ones first. Leave empty for no target.
            </FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
    </Fieldset>
  );
}

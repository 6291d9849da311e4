"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/app/_components/ui/button";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import type { NameLookup } from "@/server/domains/responsys-jobs/look-up-names";
import type { JobFormValues } from "./values";

/**
 * The lists, the chosen list's extension tables and the campaigns the chosen authorization sees
 * in Responsys. Kept for a few minutes (each look-up logs in to Responsys); Refresh asks again.
 */
export function useResponsysNames(listName?: string) {
  const trpc = useTRPC();
  const integrationId = useFormContext<JobFormValues>().watch("integrationId");
  return useQuery(
    trpc.responsysJobs.lookUpNames.queryOptions(
      { integrationId, listName: listName || null },
      { enabled: Boolean(integrationId), staleTime: 5 * 60_000, placeholderData: keepPreviousData },
    ),
  );
}

type NameFieldProps = {
  name: "listName" | "fieldsTable" | "campaignName";
  label: string;
  hint: string;
  lookup: NameLookup | null | undefined;
  /** The first option, chosen when the field is left empty. */
  emptyOption: string;
  looking: boolean;
  onRefresh: () => void;
};

/**
 * A Responsys object picked from what Responsys lists; typed by hand only when the look-up is
 * refused (e.g. the user may not list them), with Responsys's reason shown.
 */
export function ResponsysNameField({ name, label, hint, lookup, emptyOption, looking, onRefresh }: NameFieldProps) {
  const { control } = useFormContext<JobFormValues>();
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <div className="flex items-center justify-between gap-2">
            <FormLabel>{label}</FormLabel>
            <Button
              variant="ghost"
              aria-label={`Refresh ${label.toLowerCase()}`}
              onClick={onRefresh}
              disabled={looking}
            >
              <RefreshCw aria-hidden className={looking ? "size-4 animate-spin" : "size-4"} />
            </Button>
          </div>
          <FormControl>
            {lookup?.ok === false ? (
              <Input autoComplete="off" {...field} />
            ) : (
              <Select className="w-full" {...field}>
                <option value="">{!lookup && looking ? "Looking up in Responsys…" : emptyOption}</option>
                {/* A name chosen earlier (another list's table, a name typed while the look-up failed) stays visible. */}
                {field.value && lookup && !lookup.names.includes(field.value) ? (
                  <option value={field.value}>{`${field.value} (not found in Responsys)`}</option>
                ) : null}
                {lookup?.names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </Select>
            )}
          </FormControl>
          {lookup?.ok === false ? (
            <p role="status" className="text-xs text-amber-700">
              {lookup.denied ? `${lookup.error} Meanwhile, type the name.` : lookup.error}
            </p>
          ) : null}
          <FormDescription>{hint}</FormDescription>
          <FormMessage />
        </FormItem>
      )}
    />
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { useFormat } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
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
import { Input, Select } from "@/app/_components/ui/input";
import { DataTable } from "@/app/_components/ui/table";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { createStaticSegmentInput } from "@/server/domains/segment/schema";
import { countryOptions } from "@/app/_components/countries";
import { SegmentNameFields } from "./segment-name-fields";

type Values = z.input<typeof createStaticSegmentInput>;
type Output = z.output<typeof createStaticSegmentInput>;
type Problem = { line: number; value: string; reason: string };
type Report = {
  id: string;
  lines: number;
  matched: number;
  duplicates: number;
  unmatched: number;
  invalid: number;
  unmatchedLines: Problem[];
  invalidLines: Problem[];
};

// The listed lines come all at once (at most the first ones of each kind): they sort on screen, by reason, say.
const problemColumns: ColumnDef<Problem>[] = [
  { id: "line", header: "Line", accessorFn: (r) => r.line, meta: { className: "tabular-nums" } },
  { id: "value", header: "Value", accessorFn: (r) => r.value, meta: { className: "font-mono text-xs" } },
  { id: "why", header: "Why", accessorFn: (r) => r.reason },
];

function ProblemTable({ title, rows, total }: { title: string; rows: Problem[]; total: number }) {
  const format = useFormat();
  if (total === 0) return null;
  return (
    <section aria-label={title} className="rounded-lg border border-line bg-white">
      <h3 className="border-b border-line px-4 py-3 text-sm font-semibold">
        {title} ({format.count(total)}
        {rows.length < total ? `, first ${format.count(rows.length)} shown` : ""})
      </h3>
      <DataTable
        columns={problemColumns}
        data={rows}
        getRowId={(r) => String(r.line)}
        sortable
        compact
        caption={title}
      />
    </section>
  );
}

/** A static segment from a pasted or uploaded list: one mobile number or email address per line. */
export function StaticUploadForm() {
  const trpc = useTRPC();
  const format = useFormat();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const [report, setReport] = useState<Report | null>(null);
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(createStaticSegmentInput),
    defaultValues: { name: "", description: "", list: "", defaultCountry: "" },
  });
  const create = useMutation(
    trpc.segment.createStatic.mutationOptions({
      onSuccess: (r) => {
        setReport(r);
        toast.success(`Static segment saved: ${format.count(r.matched)} contacts`);
        void queryClient.invalidateQueries({ queryKey: trpc.segment.pathKey() });
      },
      onError: (error) => setServerError(form.setError, error, ["list", "name"]),
    }),
  );

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    form.setValue("list", await file.text(), { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  };

  return (
    <div className="max-w-4xl space-y-6">
      <Form {...form}>
        <form
          onSubmit={(e) => void form.handleSubmit((values) => create.mutate(values))(e)}
          noValidate
          className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2"
        >
          <SegmentNameFields />
          <FormField
            control={form.control}
            name="list"
            render={({ field }) => (
              <FormItem className="sm:col-span-2">
                <FormLabel>Mobile numbers or email addresses</FormLabel>
                <FormControl>
                  <textarea
                    rows={10}
                    className="block w-full rounded-md border border-line bg-white px-3 py-2 font-mono text-sm aria-invalid:border-danger"
                    {...field}
                  />
                </FormControl>
                <FormDescription>
                  One per line. Numbers in international format (+44 7911 123456), or national with the default country
                  below. A first line naming the column is skipped.
                </FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormItem>
            <FormLabel>Or read the list from a file</FormLabel>
            <FormControl>
              <Input
                type="file"
                accept=".txt,.csv,text/plain,text/csv"
                onChange={(e) => void readFile(e.target.files?.[0])}
              />
            </FormControl>
            <FormDescription>A .txt or single-column .csv file.</FormDescription>
          </FormItem>
          <FormField
            control={form.control}
            name="defaultCountry"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Default country for national numbers</FormLabel>
                <FormControl>
                  <Select className="w-full" {...field} value={field.value ?? ""}>
                    <option value="">None: numbers start with +</option>
                    {countryOptions.map((c) => (
                      <option key={c.code} value={c.code} suppressHydrationWarning>
                        {c.name} ({c.code})
                      </option>
                    ))}
                  </Select>
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormMessage className="sm:col-span-2">{form.formState.errors.root?.message}</FormMessage>
          <div className="sm:col-span-2">
            <Button type="submit" disabled={!hydrated || create.isPending}>
              {create.isPending ? "Matching the list…" : "Create static segment"}
            </Button>
          </div>
        </form>
      </Form>

      {report ? (
        <section aria-labelledby="report-heading" className="space-y-4">
          <h2 id="report-heading" className="text-lg font-semibold">
            Upload report
          </h2>
          <p role="status" className="text-sm">
            {format.count(report.lines)} {report.lines === 1 ? "line" : "lines"} read: {format.count(report.matched)}{" "}
            {report.matched === 1 ? "contact" : "contacts"} added
            {report.duplicates ? `, ${format.count(report.duplicates)} repeated a contact already listed` : ""},{" "}
            {format.count(report.unmatched)} matched no contact, {format.count(report.invalid)} were not a number or an
            address.{" "}
            <Link href={`/segments/${report.id}`} className="font-medium text-brand-600 underline">
              Open the segment
            </Link>
          </p>
          <ProblemTable
            title="Lines that are not a mobile number or an email address"
            rows={report.invalidLines}
            total={report.invalid}
          />
          <ProblemTable title="Lines that matched no contact" rows={report.unmatchedLines} total={report.unmatched} />
        </section>
      ) : null}
    </div>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
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
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import {
  annexSegmentStatuses,
  annexSegmentTypes,
  pushToAnnexForm,
  type PushToAnnexFormValues,
} from "@/server/domains/segment/annex-schema";
import type { AnnexPushResult } from "@/server/domains/segment/push-to-annex";
import { integrationOption } from "@/app/_components/integration-option";

type Values = PushToAnnexFormValues;
type Output = z.output<typeof pushToAnnexForm>;
const fieldNames = [
  "integrationId",
  "name",
  "type",
  "fromDate",
  "toDate",
  "status",
  "externalId",
  "externalName",
] as const;

/** Annex Cloud's answer: the segment it created, or its error code and message. */
function Outcome({ result }: { result: AnnexPushResult }) {
  const skipped = result.skippedWithoutEmail + result.skippedUnusableEmail;
  const counts = `${result.sent} member email${result.sent === 1 ? "" : "s"} sent${skipped ? `; ${skipped} member${skipped === 1 ? "" : "s"} without a usable email left out` : ""}.`;
  if (!result.ok) {
    return (
      <div role="alert" className="space-y-1 rounded-lg border border-danger/40 bg-danger/5 p-4 text-sm">
        <p className="font-semibold text-danger">Annex Cloud did not create the segment</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-muted">Error code</dt>
          <dd className="font-mono">{result.errorCode ?? "none given"}</dd>
          <dt className="text-muted">Message</dt>
          <dd>{result.errorMessage}</dd>
        </dl>
        <p className="text-muted">Fix what the message says and push again. {counts}</p>
      </div>
    );
  }
  const { segment } = result;
  const rows: [string, string | null][] = [
    ["Segment id", segment.segmentId],
    ["Name", segment.name],
    ["Type", segment.type],
    ["From", segment.fromDate],
    ["To", segment.toDate],
    ["Status", segment.status],
    ["External id", segment.externalId],
    ["External name", segment.externalName],
  ];
  return (
    <div role="status" className="space-y-2 rounded-lg border border-success/40 bg-success/5 p-4 text-sm">
      <p className="font-semibold text-success">Annex Cloud created the segment</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className={label === "Segment id" ? "font-mono" : undefined}>{value ?? "—"}</dd>
          </div>
        ))}
      </dl>
      <p className="text-muted">{counts}</p>
    </div>
  );
}

/**
 * Pushes the segment's members (by email) to Annex Cloud as a new Annex segment (POST /segment),
 * through the Annex Cloud site set up with an Attentive integration.
 */
export function AnnexPush({ segmentId, segmentName }: { segmentId: string; segmentName?: string }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const targets = useQuery(trpc.annex.targets.queryOptions());
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(pushToAnnexForm),
    defaultValues: {
      integrationId: "",
      name: segmentName ?? "",
      type: "Current Data",
      fromDate: "",
      toDate: "",
      status: "ACTIVE",
      externalId: segmentId,
      externalName: segmentName ?? "",
    },
  });
  const push = useMutation(
    trpc.annex.pushSegment.mutationOptions({
      onSuccess: (result) => {
        if (result.ok) toast.success(`Annex Cloud created segment ${result.segment.segmentId}`);
        else toast.error(`Annex Cloud refused the segment${result.errorCode ? ` (${result.errorCode})` : ""}`);
      },
      onError: (error) => setServerError(form.setError, error, fieldNames),
    }),
  );
  const submit = form.handleSubmit((values) => push.mutate({ segmentId, ...values }));
  const options = targets.data ?? [];
  const type = form.watch("type");

  const text = (
    field: "name" | "externalId" | "externalName" | "fromDate" | "toDate",
    label: string,
    aside: string,
    options: { hint?: string; type?: string } = {},
  ) => (
    <FormField
      control={form.control}
      name={field}
      render={({ field: input }) => (
        <FormItem>
          <FormLabel aside={aside}>{label}</FormLabel>
          <FormControl>
            <Input type={options.type ?? "text"} autoComplete="off" {...input} />
          </FormControl>
          {options.hint ? <FormDescription>{options.hint}</FormDescription> : null}
          <FormMessage />
        </FormItem>
      )}
    />
  );

  return (
    <section aria-labelledby="annex-push-title" className="space-y-4 rounded-lg border border-line bg-white p-5">
      <div>
        <h2 id="annex-push-title" className="text-base font-semibold">
          Push to Annex Cloud
        </h2>
        <p className="text-sm text-muted">
          Creates a segment in Annex Cloud with the email of every current member. Members without an email are left
          out.
        </p>
      </div>
      {targets.isSuccess && options.length === 0 ? (
        <p className="text-sm text-muted">
          No Attentive integration is set up, and Annex Cloud is reached through one: ask an admin to add
          &ldquo;Attentive SMS with Annex Cloud&rdquo; under Integrations.
        </p>
      ) : (
        <Form {...form}>
          <form onSubmit={(e) => void submit(e)} noValidate className="grid gap-4 sm:grid-cols-2">
            <FormField
              control={form.control}
              name="integrationId"
              render={({ field }) => (
                <FormItem className="sm:col-span-2">
                  <FormLabel>Annex Cloud site (Attentive integration)</FormLabel>
                  <FormControl>
                    <Select className="w-full" {...field}>
                      <option value="">{targets.isPending ? "Loading…" : "Choose an integration"}</option>
                      {options.map((t) => (
                        <option key={t.id} value={t.id}>
                          {integrationOption(t)}
                        </option>
                      ))}
                    </Select>
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            {text("name", "Segment name", "name")}
            <FormField
              control={form.control}
              name="type"
              render={({ field }) => (
                <FormItem>
                  <FormLabel aside="type">Type</FormLabel>
                  <FormControl>
                    <Select className="w-full" {...field}>
                      {annexSegmentTypes.map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))}
                    </Select>
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            {text("fromDate", "From date", "fromDate", {
              type: "date",
              hint:
                type === "Past Data"
                  ? "Required for Past Data."
                  : "Optional for Current Data; give both dates or neither.",
            })}
            {text("toDate", "To date", "toDate", { type: "date", hint: "On or after the from date." })}
            <FormField
              control={form.control}
              name="status"
              render={({ field }) => (
                <FormItem>
                  <FormLabel aside="status">Status</FormLabel>
                  <FormControl>
                    <Select className="w-full" {...field}>
                      {annexSegmentStatuses.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </Select>
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            {text("externalId", "External id", "externalId", {
              hint: "Your id for this segment; this segment's id by default.",
            })}
            {text("externalName", "External name", "externalName")}
            <FormMessage className="sm:col-span-2">{form.formState.errors.root?.message}</FormMessage>
            <div className="sm:col-span-2">
              <Button type="submit" disabled={!hydrated || push.isPending}>
                <Send aria-hidden className="size-4" /> {push.isPending ? "Pushing…" : "Push to Annex Cloud"}
              </Button>
            </div>
          </form>
        </Form>
      )}
      {push.data ? <Outcome result={push.data} /> : null}
    </section>
  );
}

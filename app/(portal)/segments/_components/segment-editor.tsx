"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useRef } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { useFormat } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { Form, FormMessage, setServerError } from "@/app/_components/ui/form";
import { useDebouncedValue } from "@/app/_components/use-debounced-value";
import { useTRPC } from "@/app/_trpc/provider";
import {
  createSegmentInput,
  emptyDefinition,
  segmentDefinition,
  type SegmentDefinition,
} from "@/server/domains/segment/schema";
import { LiveCount, MemberPreview } from "./live-count";
import { StaticSegmentDetail } from "./static-segment-detail";
import type { BuilderErrors } from "./builder/controls";
import { SegmentBuilder } from "./segment-builder";
import { SegmentNameFields } from "./segment-name-fields";

type Values = z.input<typeof createSegmentInput>;
type Output = z.output<typeof createSegmentInput>;
type Saved = {
  id: string;
  name: string;
  description: string | null;
  definition: SegmentDefinition | null;
  definitionValid: boolean;
};

function issuesByPath(definition: SegmentDefinition): { valid: SegmentDefinition | null; errors: BuilderErrors } {
  const parsed = segmentDefinition.safeParse(definition);
  if (parsed.success) return { valid: parsed.data, errors: {} };
  const errors: BuilderErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return { valid: null, errors };
}

/**
 * The builder page's form: name, description and the conditions, with the count and a member
 * preview that follow the conditions as they are edited (debounced, last valid definition).
 */
export function SegmentEditor({ segment }: { segment?: Saved }) {
  const trpc = useTRPC();
  const format = useFormat();
  const router = useRouter();
  const queryClient = useQueryClient();
  const defaultValues = useMemo<Values>(
    () => ({
      name: segment?.name ?? "",
      description: segment?.description ?? "",
      definition: segment?.definition ?? emptyDefinition(),
    }),
    [segment],
  );
  const form = useForm<Values, unknown, Output>({ resolver: zodResolver(createSegmentInput), defaultValues });
  const { errors, isSubmitted } = form.formState;
  const definition = form.watch("definition") as SegmentDefinition;

  // Counts follow the last complete definition, once typing pauses.
  const settled = useDebouncedValue(definition, 400);
  const { valid } = useMemo(() => issuesByPath(settled), [settled]);
  const lastValid = useRef<SegmentDefinition | null>(null);
  if (valid) lastValid.current = valid;
  const counted = lastValid.current;
  const pending = settled !== definition;

  const onError = (error: Parameters<typeof setServerError>[1]) => setServerError(form.setError, error, ["name"]);
  const done = (message: string) => {
    toast.success(message);
    void queryClient.invalidateQueries({ queryKey: trpc.segment.pathKey() });
    router.push("/segments");
  };
  const create = useMutation(
    trpc.segment.create.mutationOptions({
      onSuccess: (r) => done(`Segment saved: ${format.count(r.count)} contacts`),
      onError,
    }),
  );
  const update = useMutation(
    trpc.segment.update.mutationOptions({
      onSuccess: (r) => done(`Segment saved: ${format.count(r.count)} contacts`),
      onError,
    }),
  );
  const remove = useMutation(
    trpc.segment.delete.mutationOptions({
      onSuccess: () => done("Segment deleted"),
      onError: (error) => form.setError("root", { message: error.message }),
    }),
  );
  const busy = create.isPending || update.isPending || remove.isPending;

  const submit = form.handleSubmit(
    (values) => (segment ? update.mutate({ id: segment.id, data: values }) : create.mutate(values)),
    (invalid) => {
      if (invalid.definition)
        form.setError("root", { message: "Some conditions are not complete: fix the highlighted ones and save again" });
    },
  );

  return (
    <Form {...form}>
      <form onSubmit={(e) => void submit(e)} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-5">
          {segment && !segment.definitionValid ? (
            <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 p-3 text-sm">
              This segment&apos;s saved conditions are in an older format the builder cannot read. Build them again and
              save.
            </p>
          ) : null}
          <div className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
            <SegmentNameFields />
          </div>

          <SegmentBuilder
            definition={definition}
            // Issues show once a save was tried, so a condition being filled in is not flagged early.
            errors={isSubmitted ? issuesByPath(definition).errors : {}}
            onChange={(next) => form.setValue("definition", next, { shouldDirty: true, shouldValidate: isSubmitted })}
          />

          <MemberPreview input={counted ? { definition: counted } : null} />
        </div>

        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
          <LiveCount definition={counted} pending={pending} incomplete={!pending && !valid} />
          <FormMessage>{errors.root?.message}</FormMessage>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy}>
              {create.isPending || update.isPending ? "Saving…" : "Save segment"}
            </Button>
            <Button variant="secondary" onClick={() => router.push("/segments")} disabled={busy}>
              Cancel
            </Button>
          </div>
          {segment ? (
            <ConfirmButton
              disabled={busy}
              title={`Delete the segment “${segment.name}”?`}
              description="This cannot be undone. A segment a campaign or a Responsys job sends to is kept: choose another segment there first."
              confirmLabel="Delete segment"
              onConfirm={() => remove.mutate({ id: segment.id })}
            >
              Delete segment
            </ConfirmButton>
          ) : null}
        </aside>
      </form>
    </Form>
  );
}

/** The edit page's editor, reading the segment its server page prefetched. */
export function EditSegment({ id }: { id: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.segment.get.queryOptions({ id }));
  if (data.kind === "static") return <StaticSegmentDetail segment={data} />;
  return <SegmentEditor segment={data} />;
}

/** The page's heading: the segment's name, as last saved. */
export function SegmentTitle({ id }: { id: string }) {
  const trpc = useTRPC();
  return useQuery(trpc.segment.get.queryOptions({ id })).data?.name ?? "Segment";
}

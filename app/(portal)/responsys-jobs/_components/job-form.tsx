"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Form, FormMessage, setServerError } from "@/app/_components/ui/form";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { createJobInput } from "@/server/domains/responsys-jobs/schema";
import { BasicsSection } from "./job-form/basics-section";
import { ExportAudienceSection } from "./job-form/export-audience-section";
import { ExportToCampaignSection } from "./job-form/export-to-campaign-section";
import { ImportActivitySection } from "./job-form/import-activity-section";
import { NewAuthorizationDialog } from "./job-form/new-authorization-dialog";
import { jobFormDefaults, toInput, type JobFormValues } from "./job-form/values";

/**
 * Creates a Responsys job (an audience export or an activity import). The rules are the domain
 * schema's, checked here before sending and again by the server; a problem is shown next to its
 * field. Each job type's fields are a section reading the form from its context.
 */
export function JobForm({ sandboxAllowed }: { sandboxAllowed: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.responsysJobs.options.queryOptions());
  const form = useForm<JobFormValues>({ defaultValues: jobFormDefaults });
  const kind = form.watch("kind");
  const [authorizing, setAuthorizing] = useState(false);

  // An issue of one item of a list shows at the list; a mapping's at its own select.
  const fieldFor = (path: string) => {
    const name = path.replace(/\.\d+$/, "");
    return name in jobFormDefaults || /^idMappings\.\d+\.\w+$/.test(name)
      ? (name as FieldPath<JobFormValues>)
      : undefined;
  };
  const create = useMutation(
    trpc.responsysJobs.create.mutationOptions({
      onSuccess: ({ id }) => {
        toast.success("Job created: it starts within a minute");
        void queryClient.invalidateQueries({ queryKey: trpc.responsysJobs.pathKey() });
        router.push(`/responsys-jobs/${id}`);
      },
      onError: (error) => setServerError(form.setError, error, fieldFor),
    }),
  );
  const detect = useMutation(
    trpc.responsysJobs.detectAccounts.mutationOptions({
      onSuccess: (found) => {
        if (found.accountIds.length === 0)
          form.setError("accountIds", {
            message: `No Responsys activity files found in the folder (${found.otherFiles} other file(s)). Check the folder.`,
          });
        else form.clearErrors("accountIds");
      },
      onError: (error) => form.setError("folder", { message: error.message }),
    }),
  );
  const findAccounts = () => {
    const integrationId = form.getValues("integrationId");
    if (!integrationId) return form.setError("integrationId", { message: "Choose the SFTP authorization first" });
    detect.mutate({ integrationId, folder: form.getValues("folder") || null });
  };

  // Not handleSubmit: errors set by an earlier try (or the server) must not block the next one.
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    form.clearErrors();
    const values = form.getValues();
    const parsed = createJobInput.safeParse(toInput(values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        form.setError(fieldFor(issue.path.join(".")) ?? "root", { message: issue.message }, { shouldFocus: true });
      return;
    }
    create.mutate(toInput(values) as never);
  };

  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="space-y-6">
        <BasicsSection
          options={options.data}
          loading={options.isPending}
          onNewAuthorization={() => setAuthorizing(true)}
        />
        {kind === "export_audience" ? <ExportAudienceSection options={options.data} /> : null}
        {kind === "export_to_campaign" ? <ExportToCampaignSection options={options.data} /> : null}
        {kind === "import_activity" ? (
          <ImportActivitySection
            found={detect.data?.accountIds ?? []}
            looking={detect.isPending}
            onFind={findAccounts}
          />
        ) : null}

        <FormMessage>{form.formState.errors.root?.message}</FormMessage>
        <Button type="submit" disabled={!hydrated || create.isPending}>
          {create.isPending ? "Creating…" : "Complete"}
        </Button>
      </form>
      <NewAuthorizationDialog
        open={authorizing}
        onOpenChange={setAuthorizing}
        method={kind === "import_activity" ? "sftp" : "interact"}
        sandboxAllowed={sandboxAllowed}
        onCreated={(id) => {
          setAuthorizing(false);
          form.setValue("integrationId", id, { shouldDirty: true });
          toast.success("Authorization connected and chosen for this job");
        }}
      />
    </Form>
  );
}

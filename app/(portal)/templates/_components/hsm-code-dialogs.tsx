"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileUp, Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from "@/app/_components/ui/dialog";
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
import { Input, Select, Textarea } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { placeholderCount } from "@/server/domains/template/render";
import { hsmCodeFields, templateCategories, templateStatuses } from "@/server/domains/template/schema";
import { enumLabel } from "./labels";

// Admins keep the HSM codes of an integration without a template API (Wavy) by hand: add one,
// edit or retire it, or import many from a CSV. The form shares the domain's schema.

type Values = z.input<typeof hsmCodeFields>;
type Integration = { id: string; label: string };
type Stored = Values & { id: string };

/** One of a fixed list of enum values, labelled for people. */
function ChoiceField({
  form,
  name,
  label,
  choices,
}: {
  form: UseFormReturn<Values>;
  name: "category" | "status";
  label: string;
  choices: readonly string[];
}) {
  return (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <Select className="w-full" {...field}>
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {enumLabel(choice)}
                </option>
              ))}
            </Select>
          </FormControl>
          <FormMessage />
        </FormItem>
      )}
    />
  );
}

/** Adds an HSM code to `integration`, or edits `template` (its code and language stay). */
export function HsmCodeDialog({ integration, template }: { integration: Integration; template?: Stored }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const editing = template ?? null;
  const blank: Values = { name: "", language: "", category: "UTILITY", body: "", status: "APPROVED" };
  const form = useForm<Values>({ resolver: zodResolver(hsmCodeFields), defaultValues: editing ?? blank });
  const fields = ["name", "language", "category", "body", "status"] as const;
  const done = async (message: string) => {
    toast.success(message);
    await queryClient.invalidateQueries({ queryKey: trpc.template.pathKey() });
    setOpen(false);
    if (!editing) form.reset(blank);
  };
  const onError = (error: Parameters<typeof setServerError>[1]) =>
    setServerError(form.setError, error, (name) => fields.find((f) => f === name || `data.${f}` === name));
  const create = useMutation(trpc.template.create.mutationOptions({ onError }));
  const update = useMutation(trpc.template.update.mutationOptions({ onError }));
  const pending = create.isPending || update.isPending;
  const submit = form.handleSubmit((v) => {
    if (editing)
      update.mutate(
        { id: editing.id, data: { category: v.category, body: v.body, status: v.status } },
        { onSuccess: () => void done(`${editing.name} saved`) },
      );
    else create.mutate({ ...v, integrationId: integration.id }, { onSuccess: () => void done(`${v.name} added`) });
  });
  const count = placeholderCount(form.watch("body") ?? "");

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {editing ? (
          <Button variant="secondary">
            <Pencil aria-hidden className="size-4" /> Edit
          </Button>
        ) : (
          <Button variant="secondary">
            <Plus aria-hidden className="size-4" /> Add HSM code
          </Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>{editing ? `Edit ${editing.name}` : `Add an HSM code to ${integration.label}`}</DialogTitle>
        <DialogDescription>
          As listed in Wavy&apos;s WhatsApp → HSM screen. Campaigns saved before an edit are flagged until someone
          checks them.
        </DialogDescription>
        <Form {...form}>
          <form noValidate className="mt-4 space-y-4" onSubmit={(e) => void submit(e)}>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                control={form.control}
                name="name"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>HSM code</FormLabel>
                    <FormControl>
                      <Input
                        {...field}
                        readOnly={!!editing}
                        autoComplete="off"
                        placeholder="chatclub_open_session_v2"
                      />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="language"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Language</FormLabel>
                    <FormControl>
                      <Input {...field} readOnly={!!editing} autoComplete="off" placeholder="pt_BR" />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <ChoiceField form={form} name="category" label="Category" choices={templateCategories} />
              <ChoiceField form={form} name="status" label="Status" choices={templateStatuses} />
            </div>
            <FormField
              control={form.control}
              name="body"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Body</FormLabel>
                  <FormControl>
                    <Textarea rows={4} {...field} />
                  </FormControl>
                  <FormDescription>
                    {`Number the values {{1}}, {{2}}…: this body has ${count} ${count === 1 ? "placeholder" : "placeholders"}, so a dialer line gives ${count} ${count === 1 ? "value" : "values"} after the code.`}
                  </FormDescription>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormMessage>{form.formState.errors.root?.message}</FormMessage>
            <DialogFooter>
              <DialogClose type="button">Cancel</DialogClose>
              <Button type="submit" disabled={pending}>
                {pending ? "Saving…" : editing ? "Save changes" : "Add HSM code"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

/** Imports HSM codes from a CSV; a bad line refuses the whole file, every problem listed. */
export function ImportHsmDialog({ integration }: { integration: Integration }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const form = useForm<{ file: File | null }>({ defaultValues: { file: null } });
  const fail = (message: string) => form.setError("file", { message });
  const importCsv = useMutation(
    trpc.template.importCsv.mutationOptions({
      onSuccess: async (r) => {
        toast.success(`${integration.label}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged`);
        await queryClient.invalidateQueries({ queryKey: trpc.template.pathKey() });
        setOpen(false);
        form.reset();
      },
      onError: (e) => fail(e.message),
    }),
  );
  const submit = form.handleSubmit(async ({ file }) => {
    if (!file) return fail("Choose the CSV file to import");
    importCsv.mutate({ integrationId: integration.id, csv: await file.text() });
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <FileUp aria-hidden className="size-4" /> Import CSV
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Import HSM codes to {integration.label}</DialogTitle>
        <DialogDescription>
          Every line is checked first; a bad line stops the whole file and nothing changes. Codes already here are
          updated.
        </DialogDescription>
        <Form {...form}>
          <form noValidate className="mt-4 space-y-4" onSubmit={(e) => void submit(e)}>
            <FormField
              control={form.control}
              name="file"
              // A file input's value is the browser's to set: the field takes the chosen file.
              render={({ field: { value: _file, onChange, ...field } }) => (
                <FormItem>
                  <FormLabel>HSM codes CSV</FormLabel>
                  <FormControl>
                    <Input
                      type="file"
                      accept=".csv,.txt,text/csv,text/plain"
                      {...field}
                      onChange={(e) => {
                        onChange(e.target.files?.[0] ?? null);
                        form.clearErrors("file");
                      }}
                    />
                  </FormControl>
                  <FormDescription>
                    {
                      "A header line, then one code per line: code,language,category,body,status (status optional, approved when empty), e.g. chatclub_open_session_v2,pt_BR,UTILITY,{{1}} reports: {{2}},APPROVED. Quote a body that holds commas."
                    }
                  </FormDescription>
                  <FormMessage className="whitespace-pre-line" />
                </FormItem>
              )}
            />
            <DialogFooter>
              <DialogClose type="button">Cancel</DialogClose>
              <Button type="submit" disabled={!hydrated || importCsv.isPending}>
                {importCsv.isPending ? "Checking the file…" : "Import"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

/** Retires an HSM code: kept for the campaigns and messages that used it, never sent again. */
export function RetireHsmButton({ template }: { template: { id: string; name: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retire = useMutation(
    trpc.template.retire.mutationOptions({
      onSuccess: async () => {
        toast.success(`${template.name} retired`);
        await queryClient.invalidateQueries({ queryKey: trpc.template.pathKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <ConfirmButton
      title={`Retire ${template.name}?`}
      description="Dialer lines and campaigns can no longer use it, and draft campaigns using it are flagged. It stays listed, marked retired; adding the same code again brings it back."
      confirmLabel="Retire"
      disabled={retire.isPending}
      onConfirm={() => retire.mutate({ id: template.id })}
    >
      Retire
    </ConfirmButton>
  );
}

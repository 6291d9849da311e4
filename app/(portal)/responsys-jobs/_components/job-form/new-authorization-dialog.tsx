"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import {
  Form,
  FormControl,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
  setServerError,
} from "@/app/_components/ui/form";
import { Input, Textarea } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import { responsysSettings } from "@/server/vendors/responsys/settings";

type Values = {
  label: string;
  sandbox: boolean;
  username: string;
  password: string;
  endpoint: string;
  host: string;
  port: string;
  privateKey: string;
  folder: string;
};
const defaults: Values = {
  label: "",
  sandbox: false,
  username: "",
  password: "",
  endpoint: "",
  host: "",
  port: "22",
  privateKey: "",
  folder: "",
};
const fieldsOf = {
  interact: [
    ["username", "Username"],
    ["password", "Password"],
    ["endpoint", "Endpoint URI (e.g. login2.responsys.net)"],
  ],
  sftp: [
    ["host", "SFTP host"],
    ["port", "Port"],
    ["username", "Username"],
    ["privateKey", "Private key"],
    ["folder", "Folder (optional)"],
  ],
} as const;

/**
 * A Responsys authorization made without leaving the job form (seed 001: "select the
 * authorization or create a new one"): the method the job type needs, checked by connecting as
 * the Integrations wizard does. It lives outside the job's <form>, so its submit never reaches
 * the job's; the job form keeps what was typed and gets the new authorization chosen. SFTP with
 * PGP keys is set up under Integrations.
 */
export function NewAuthorizationDialog({
  open,
  onOpenChange,
  method,
  sandboxAllowed,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  method: "interact" | "sftp";
  sandboxAllowed: boolean;
  onCreated: (id: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values>({ defaultValues: defaults });
  const [failed, setFailed] = useState<string[]>([]);
  const fields = fieldsOf[method];
  const fieldFor = (name: string) => (name in defaults ? (name as FieldPath<Values>) : undefined);
  const connect = useMutation(
    trpc.integration.connect.mutationOptions({
      onSuccess: async (result) => {
        if (!result.ok || !result.id) return setFailed(result.checks.filter((c) => !c.ok).map((c) => c.message));
        await queryClient.invalidateQueries({ queryKey: trpc.responsysJobs.options.queryKey() });
        form.reset(defaults);
        onCreated(result.id);
      },
      onError: (error) => setServerError(form.setError, error, fieldFor),
    }),
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    form.clearErrors();
    setFailed([]);
    const { label, sandbox, ...all } = form.getValues();
    const settings = { method, ...Object.fromEntries(fields.map(([name]) => [name, all[name]])) };
    const parsed = responsysSettings.safeParse(settings);
    if (!label.trim()) form.setError("label", { message: "Enter a label" });
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        form.setError(fieldFor(String(issue.path[0])) ?? "root", { message: issue.message });
    if (!parsed.success || !label.trim()) return;
    connect.mutate({ vendor: "responsys", label, sandbox, settings });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogTitle>
          {method === "interact" ? "New Responsys Interact authorization" : "New Responsys SFTP authorization"}
        </DialogTitle>
        <DialogDescription>
          Switchboard connects with it before saving; the job form keeps what you typed.
        </DialogDescription>
        <Form {...form}>
          <form onSubmit={submit} noValidate className="mt-4 space-y-3">
            {(["label", ...fields.map(([name]) => name)] as const).map((name) => (
              <FormField
                key={name}
                control={form.control}
                name={name}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{name === "label" ? "Label" : fields.find(([n]) => n === name)?.[1]}</FormLabel>
                    <FormControl>
                      {name === "privateKey" ? (
                        <Textarea rows={4} {...field} />
                      ) : (
                        <Input autoComplete="off" type={name === "password" ? "password" : "text"} {...field} />
                      )}
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            ))}
            {sandboxAllowed ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="size-4" {...form.register("sandbox")} /> Test mode (the Responsys
                sandbox)
              </label>
            ) : null}
            <FormMessage>{form.formState.errors.root?.message}</FormMessage>
            {failed.length > 0 ? (
              <ul role="alert" className="space-y-1 text-sm text-danger">
                {failed.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
            <DialogFooter>
              <DialogClose>Cancel</DialogClose>
              <Button type="submit" disabled={connect.isPending}>
                {connect.isPending ? "Connecting…" : "Connect"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

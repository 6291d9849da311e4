"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Paperclip } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useFormat, When, type Format } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import {
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
} from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { pollWhile } from "@/app/_trpc/live";
import { useTRPC } from "@/app/_trpc/provider";
import { channelLabels, customerName, replyStatusLabels } from "./labels";
import { SyncStatus } from "./sync-status";

type Template = { id: string; name: string; language: string; body: string; placeholderCount: number };

/**
 * What WhatsApp lets the agent send now, and why: free text while the customer's 24-hour
 * window is open, an approved template once it has closed.
 */
function replyRule(
  format: Format,
  {
    windowOpen,
    sessionExpiresAt,
    customerWroteAt,
  }: { windowOpen: boolean; sessionExpiresAt: Date | null; customerWroteAt: Date | null },
) {
  if (windowOpen && sessionExpiresAt && customerWroteAt)
    return `The customer wrote ${format.relative(customerWroteAt)}: you can reply freely until ${format.when(sessionExpiresAt)}, or send an approved template.`;
  if (!customerWroteAt) return "The customer has not written yet: WhatsApp allows only an approved template.";
  return `More than 24 h since the customer wrote (${format.relative(customerWroteAt)}): WhatsApp allows only an approved template. The customer's next message opens a new 24-hour window.`;
}

function ReplyBox({
  id,
  windowOpen,
  sessionExpiresAt,
  customerWroteAt,
  templates,
}: {
  id: string;
  windowOpen: boolean;
  sessionExpiresAt: Date | null;
  customerWroteAt: Date | null;
  templates: Template[];
}) {
  const trpc = useTRPC();
  const format = useFormat();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const form = useForm({ defaultValues: { text: "", templateId: "", parameters: [] as string[] } });
  const [text, templateId, parameters] = form.watch(["text", "templateId", "parameters"]);
  const template = templates.find((t) => t.id === templateId);
  // Inside the window free text is the default; a template can be sent instead.
  const [withTemplate, setWithTemplate] = useState(false);
  const textMode = windowOpen && !withTemplate;
  const send = useMutation(
    trpc.conversation.reply.mutationOptions({
      onSuccess: () => {
        toast.success("Reply sent");
        form.reset({ text: "", templateId, parameters: [] });
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.pathKey() });
      },
      // Shown at what is being sent: the message, or the template.
      onError: (e) => form.setError(textMode ? "text" : "templateId", { message: e.message }),
    }),
  );

  return (
    <Form {...form}>
      <section aria-labelledby="reply-heading" className="rounded-lg border border-line bg-white p-5">
        <h2 id="reply-heading" className="text-sm font-semibold">
          Reply
        </h2>
        <p className="mt-1 text-sm text-muted" data-testid="reply-rule" suppressHydrationWarning>
          {replyRule(format, { windowOpen, sessionExpiresAt, customerWroteAt })}
        </p>
        {textMode ? (
          <form
            className="mt-3 space-y-3"
            onSubmit={(e) =>
              void form.handleSubmit((values) => send.mutate({ id, kind: "text", text: values.text }))(e)
            }
          >
            <FormField
              control={form.control}
              name="text"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Message</FormLabel>
                  <FormControl>
                    <textarea
                      rows={3}
                      maxLength={4096}
                      className="block w-full rounded-md border border-line bg-white px-3 py-2 text-sm"
                      {...field}
                    />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={!hydrated || send.isPending || !text.trim()}>
                {send.isPending ? "Sending…" : "Send reply"}
              </Button>
              {templates.length > 0 ? (
                <Button variant="secondary" onClick={() => setWithTemplate(true)}>
                  Send a template instead
                </Button>
              ) : null}
            </div>
          </form>
        ) : templates.length === 0 ? (
          <p className="mt-3 text-sm">
            This integration has no approved template: sync or add templates under Templates to write to this customer
            again.
          </p>
        ) : (
          <form
            className="mt-3 space-y-3"
            onSubmit={(e) =>
              void form.handleSubmit((v) =>
                send.mutate({ id, kind: "template", templateId: v.templateId, parameters: v.parameters }),
              )(e)
            }
          >
            <FormField
              control={form.control}
              name="templateId"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Template</FormLabel>
                  <FormControl>
                    <Select
                      {...field}
                      onChange={(e) => {
                        field.onChange(e);
                        const count = templates.find((t) => t.id === e.target.value)?.placeholderCount ?? 0;
                        form.setValue(
                          "parameters",
                          Array.from({ length: count }, () => ""),
                        );
                      }}
                    >
                      <option value="">Choose a template…</option>
                      {templates.map((t) => (
                        <option key={t.id} value={t.id}>
                          {t.name} ({t.language})
                        </option>
                      ))}
                    </Select>
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            {template ? <p className="rounded-md bg-surface p-3 text-sm">{template.body}</p> : null}
            {parameters.map((_, i) => (
              <FormField
                key={i}
                control={form.control}
                name={`parameters.${i}`}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{`Value for {{${i + 1}}}`}</FormLabel>
                    <FormControl>
                      <Input {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            ))}
            <div className="flex flex-wrap items-center gap-3">
              <Button
                type="submit"
                disabled={!hydrated || send.isPending || !template || parameters.some((p) => !p.trim())}
              >
                {send.isPending ? "Sending…" : "Send template"}
              </Button>
              {windowOpen ? (
                <Button variant="secondary" onClick={() => setWithTemplate(false)}>
                  Write a message instead
                </Button>
              ) : null}
            </div>
          </form>
        )}
      </section>
    </Form>
  );
}

function CloseForm({ id }: { id: string }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const form = useForm({ defaultValues: { profile: "" } });
  const close = useMutation(
    trpc.conversation.close.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          r.caseSync === "pending" ? "Conversation closed; its Salesforce case is on its way" : "Conversation closed",
        );
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.pathKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <section aria-labelledby="close-heading" className="rounded-lg border border-line bg-white p-5">
      <h2 id="close-heading" className="text-sm font-semibold">
        Close the conversation
      </h2>
      <Form {...form}>
        <form
          className="mt-3 space-y-3"
          onSubmit={(e) =>
            void form.handleSubmit(({ profile }) => close.mutate({ id, profile: profile.trim() || undefined }))(e)
          }
        >
          <FormField
            control={form.control}
            name="profile"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Outcome (profile)</FormLabel>
                <FormControl>
                  <Input maxLength={120} list="close-profiles" {...field} />
                </FormControl>
                <datalist id="close-profiles">
                  <option value="Resolved" />
                  <option value="Sale" />
                  <option value="Callback requested" />
                  <option value="No answer needed" />
                </datalist>
                <FormDescription>
                  Optional, e.g. Resolved, Sale, Callback. It goes on the Salesforce case.
                </FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
          <Button type="submit" variant="danger" disabled={!hydrated || close.isPending}>
            {close.isPending ? "Closing…" : "Close"}
          </Button>
        </form>
      </Form>
    </section>
  );
}

export function ConversationDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const format = useFormat();
  // Refetched while open, so new messages and each reply's delivery status show as they arrive,
  // and while its Salesforce case is on its way, so the case number shows when it lands.
  const query = useQuery({
    ...trpc.conversation.get.queryOptions({ id }),
    refetchInterval: (q) =>
      pollWhile(
        q.state.data?.state === "open" ||
          q.state.data?.caseSync?.status === "pending" ||
          q.state.data?.caseSync?.status === "running",
      ),
  });
  if (query.isPending) return <p className="text-sm text-muted">Loading the conversation…</p>;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        The conversation could not be loaded: {query.error.message}
      </p>
    );
  }
  const c = query.data;
  const open = c.state === "open";
  return (
    <div className="grid gap-5 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-5">
        <section aria-labelledby="thread-heading" className="rounded-lg border border-line bg-white p-5">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="thread-heading" className="text-lg font-semibold">
              {customerName(c)} <span className="font-mono text-sm font-normal text-muted">{c.mobileNumber}</span>
            </h2>
            {open ? (
              <Badge tone="brand">Open</Badge>
            ) : (
              <Badge>Closed{c.closeProfile ? `: ${c.closeProfile}` : ""}</Badge>
            )}
          </div>
          <p className="mt-1 text-sm text-muted">
            {channelLabels[c.channel]} via {c.integrationLabel}
            {c.campaignName ? ` · campaign ${c.campaignName}` : ""} · agent {c.agentEmail ?? "unassigned"}
          </p>
          {open && c.waiting && c.responseDueAt ? (
            <p className={`mt-2 text-sm ${c.overdue ? "font-medium text-danger" : ""}`} suppressHydrationWarning>
              {c.overdue ? "Service level missed: the first response was due" : "First response due"}{" "}
              {format.when(c.responseDueAt)} ({format.relative(c.responseDueAt)}), {c.serviceLevelMinutes} min service
              level.
            </p>
          ) : null}
          <ol aria-label="Messages" className="mt-4 space-y-3">
            {c.messages.map((m) => (
              <li key={m.id} className={`flex ${m.direction === "outbound" ? "justify-end" : "justify-start"}`}>
                <div
                  className={`max-w-[80%] rounded-lg px-3 py-2 text-sm ${m.direction === "outbound" ? "bg-brand-100" : "bg-surface"}`}
                >
                  <p className="sr-only">
                    {m.direction === "outbound" ? `Sent by ${m.authorName ?? "an agent"}` : "From the customer"}
                  </p>
                  {m.body ? <p className="whitespace-pre-wrap">{m.body}</p> : null}
                  {m.attachments.map((a, i) => (
                    <a
                      key={i}
                      href={a.url}
                      target="_blank"
                      rel="noreferrer"
                      className="mt-1 flex items-center gap-1 text-brand-600 hover:underline"
                    >
                      <Paperclip aria-hidden className="size-3.5" /> {a.fileName ?? `Attachment ${i + 1}`}
                    </a>
                  ))}
                  <p className="mt-1 text-xs text-muted">
                    {m.direction === "outbound" ? `${m.authorName ?? "Agent"} · ` : ""}
                    <When value={m.sentAt} />
                    {m.status ? (
                      <span
                        data-testid="reply-status"
                        className={m.status === "failed" ? "font-medium text-danger" : undefined}
                        title={m.errorMessage ?? undefined}
                      >
                        {" · "}
                        {replyStatusLabels[m.status]}
                        {m.status === "failed" && m.errorMessage ? `: ${m.errorMessage}` : ""}
                      </span>
                    ) : null}
                  </p>
                </div>
              </li>
            ))}
          </ol>
        </section>
        {open ? (
          <ReplyBox
            id={c.id}
            windowOpen={c.windowOpen}
            sessionExpiresAt={c.sessionExpiresAt}
            customerWroteAt={c.customerWroteAt}
            templates={c.templates}
          />
        ) : null}
      </div>
      <div className="space-y-5">
        {open ? (
          <CloseForm id={c.id} />
        ) : (
          <section className="rounded-lg border border-line bg-white p-5 text-sm">
            <h2 className="font-semibold">Closed</h2>
            <p className="mt-1 text-muted" suppressHydrationWarning>
              {c.closedAt ? format.when(c.closedAt) : ""} by {c.closedBy ?? "unknown"}
              {c.closeProfile ? `, outcome ${c.closeProfile}` : ""}.
            </p>
          </section>
        )}
        <SyncStatus conversationId={c.id} sync={c.caseSync ? { ...c.caseSync } : null} closed={!open} />
      </div>
    </div>
  );
}

/** The page's heading: whom the conversation is with. */
export function ConversationTitle({ id }: { id: string }) {
  const trpc = useTRPC();
  const conversation = useQuery(trpc.conversation.get.queryOptions({ id })).data;
  return conversation ? `Conversation with ${customerName(conversation)}` : "Conversation";
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Form, FormControl, FormField, FormItem, FormMessage, setServerError } from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { STANDARD_OPT_IN_KEYWORDS, STANDARD_OPT_OUT_KEYWORDS } from "@/server/domains/contact/keywords";
import { keywordKindLabels, keywordKinds, MAX_KEYWORDS, updateKeywordsInput } from "@/server/domains/workspace/schema";
import { KeywordTester } from "./keyword-tester";

type Values = z.input<typeof updateKeywordsInput>;

/** The workspace's own opt-out and opt-in keywords, edited as one list, with a tester of the list as edited. */
export function KeywordsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const { data: settings } = useSuspenseQuery(trpc.workspace.settings.queryOptions());
  const form = useForm<Values>({
    resolver: zodResolver(updateKeywordsInput),
    defaultValues: { keywords: settings.keywords },
  });
  const rows = useFieldArray({ control: form.control, name: "keywords" });
  const edited = useWatch({ control: form.control, name: "keywords" });
  const save = useMutation(
    trpc.workspace.updateKeywords.mutationOptions({
      onSuccess: (result) => {
        toast.success(result.changed ? "Keywords saved" : "No changes to save");
        form.reset({ keywords: result.keywords });
        void queryClient.invalidateQueries({ queryKey: trpc.workspace.settings.queryKey() });
      },
      // The server's messages name the row; they show above the list.
      onError: (error) => setServerError(form.setError, error, () => undefined),
    }),
  );
  const cell = "space-y-1";

  return (
    <section aria-labelledby="keywords-heading" className="rounded-lg border border-line bg-white p-5">
      <h2 id="keywords-heading" className="text-lg font-semibold">
        Consent keywords
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-muted">
        A reply that is exactly one of these words, ignoring case, accents and punctuation at the edges, opts the
        contact out of the channel; an opt-in word gives consent back to a contact who had opted out. Always on:{" "}
        <span className="font-mono text-ink">{STANDARD_OPT_OUT_KEYWORDS.join(", ")}</span> opt out,{" "}
        <span className="font-mono text-ink">{STANDARD_OPT_IN_KEYWORDS.join(", ")}</span> opt back in. Add each
        language&apos;s own words below.
      </p>
      <Form {...form}>
        <form
          noValidate
          className="mt-4"
          onSubmit={(e) => void form.handleSubmit((values) => save.mutate(updateKeywordsInput.parse(values)))(e)}
        >
          {rows.fields.length === 0 ? (
            <p className="text-sm text-muted">No keywords of this workspace yet: only the standard ones apply.</p>
          ) : (
            <div className="hidden grid-cols-[9rem_10rem_minmax(0,1fr)_auto] gap-2 text-sm font-medium sm:grid">
              <span>Language</span>
              <span>Effect</span>
              <span>Keyword</span>
              <span className="w-9" />
            </div>
          )}
          <ol className="mt-1 space-y-2">
            {rows.fields.map((row, i) => (
              <li key={row.id} className="grid gap-2 sm:grid-cols-[9rem_10rem_minmax(0,1fr)_auto] sm:items-start">
                <FormField
                  control={form.control}
                  name={`keywords.${i}.language`}
                  render={({ field }) => (
                    <FormItem className={cell}>
                      <FormControl>
                        <Input aria-label={`Language of keyword ${i + 1}`} placeholder="es" {...field} />
                      </FormControl>
                      <FormMessage />
                    </FormItem>
                  )}
                />
                <FormField
                  control={form.control}
                  name={`keywords.${i}.kind`}
                  render={({ field }) => (
                    <FormItem className={cell}>
                      <FormControl>
                        <Select aria-label={`Effect of keyword ${i + 1}`} className="w-full" {...field}>
                          {keywordKinds.map((kind) => (
                            <option key={kind} value={kind}>
                              {keywordKindLabels[kind]}
                            </option>
                          ))}
                        </Select>
                      </FormControl>
                      <FormMessage />
                    </FormItem>
                  )}
                />
                <FormField
                  control={form.control}
                  name={`keywords.${i}.keyword`}
                  render={({ field }) => (
                    <FormItem className={cell}>
                      <FormControl>
                        <Input aria-label={`Keyword ${i + 1}`} placeholder="BAJA" className="font-mono" {...field} />
                      </FormControl>
                      <FormMessage />
                    </FormItem>
                  )}
                />
                <Button variant="ghost" aria-label={`Remove keyword ${i + 1}`} onClick={() => rows.remove(i)}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </li>
            ))}
          </ol>
          <p className="mt-2 text-xs text-muted">
            Language: a BCP 47 code such as es, fr or pt-BR (und when unknown). Matching does not depend on it: every
            keyword applies to every reply.
          </p>
          <FormMessage className="mt-3">{form.formState.errors.root?.message}</FormMessage>
          <div className="mt-4 flex flex-wrap gap-2">
            <Button
              variant="secondary"
              disabled={rows.fields.length >= MAX_KEYWORDS}
              onClick={() => rows.append({ language: "", kind: "opt_out", keyword: "" }, { shouldFocus: true })}
            >
              <Plus aria-hidden className="size-4" /> Add keyword
            </Button>
            <Button type="submit" disabled={!hydrated || save.isPending || !form.formState.isDirty}>
              {save.isPending ? "Saving…" : "Save keywords"}
            </Button>
          </div>
        </form>
      </Form>
      <KeywordTester keywords={edited} saved={!form.formState.isDirty} />
    </section>
  );
}

"use client";

import { CircleAlert, CircleCheck, Rocket } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import type { CampaignData } from "../campaign-builder";
import { elementFor, focusField, useBuilderForm } from "./form";

/**
 * The launch check of the saved draft: each issue leads to its field, and Launch waits until
 * there are none and nothing is left unsaved.
 */
export function LaunchPanel({
  issues,
  mappings,
  busy,
  launching,
  onLaunch,
}: {
  issues: CampaignData["launchIssues"];
  /** How many placeholder rows the form shows, to lead a mapping issue to the first one. */
  mappings: number;
  busy: boolean;
  launching: boolean;
  onLaunch: () => void;
}) {
  const form = useBuilderForm();
  const { isDirty } = form.formState;
  const values = form.watch();
  return (
    <section
      aria-labelledby="launch-heading"
      className="space-y-3 rounded-lg border border-line bg-white p-5 lg:sticky lg:top-4"
    >
      <h2 id="launch-heading" className="text-base font-semibold">
        Launch
      </h2>
      {issues.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-success">
          <CircleCheck aria-hidden className="size-4" /> Ready to launch
        </p>
      ) : (
        <div>
          <p className="text-sm font-medium">
            {issues.length === 1
              ? "1 thing to fix before launching:"
              : `${issues.length} things to fix before launching:`}
          </p>
          <ul aria-label="Launch issues" className="mt-2 space-y-1.5 text-sm">
            {issues.map((issue, i) => (
              <li key={`${issue.field}-${i}`} className="flex gap-2">
                <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
                <a
                  href={`#${elementFor(issue.field, mappings)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(elementFor(issue.field, mappings));
                  }}
                  className="text-left text-ink underline decoration-danger/50 underline-offset-2 hover:decoration-danger"
                >
                  {issue.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {isDirty ? <p className="text-sm text-muted">Save the draft to check it again.</p> : null}
      <Button className="w-full" onClick={onLaunch} disabled={busy || isDirty || issues.length > 0}>
        <Rocket aria-hidden className="size-4" />
        {launching ? "Launching…" : "Launch"}
      </Button>
      <p className="text-xs text-muted">
        {values.trigger === "contact_activated"
          ? "Once launched, each contact created or imported with consent gets the message."
          : values.trigger === "dialer"
            ? "Once launched, each uploaded dialer list is sent line by line."
            : values.schedule?.frequency === "once" && !values.schedule.date
              ? "No date: it sends as soon as it is launched."
              : "It sends at its scheduled time."}{" "}
        A launched campaign can be paused, resumed or cancelled, not edited.
      </p>
    </section>
  );
}

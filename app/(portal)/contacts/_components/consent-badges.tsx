import { Check, Minus, X } from "lucide-react";
import { Badge } from "@/app/_components/ui/badge";
import { channels, type ConsentState } from "@/server/domains/contact/schema";
import { channelLabels, stateLabels } from "./labels";

type Consent = Record<(typeof channels)[number], { state: ConsentState } | null>;

/** The current consent per channel, told by text and icon as well as colour. */
export function ConsentBadges({ consent }: { consent: Consent }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Consent">
      {channels.map((channel) => {
        const state = consent[channel]?.state;
        const Icon = state === "opt_in" ? Check : state === "opt_out" ? X : Minus;
        return (
          <li key={channel}>
            <Badge tone={state === "opt_in" ? "success" : state === "opt_out" ? "danger" : "neutral"}>
              <Icon aria-hidden className="mr-1 size-3.5 self-center" />
              {channelLabels[channel]}
              <span className="sr-only">: {state ? stateLabels[state].toLowerCase() : "not recorded"}</span>
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}

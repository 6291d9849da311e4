"use client";

import { Input } from "@/app/_components/ui/input";
import {
  consentStateFilters,
  messageOperators,
  messageStatusFilters,
  segmentChannels,
} from "@/server/domains/segment/schema";
import { channelLabels, consentLabels, messageStatusLabels } from "../labels";
import { ChoiceSelect, ConditionItem, type ConditionControlsProps } from "./controls";

const messageOperatorLabels = { has: "was", has_not: "was not" } as const;

/** A channel and the consent state recorded for it. */
export function ConsentControls({ node, name, onChange }: ConditionControlsProps<"consent">) {
  return (
    <>
      <ChoiceSelect
        label={`${name} channel`}
        value={node.channel}
        choices={segmentChannels}
        labelOf={(c) => channelLabels[c]}
        onChange={(channel) => onChange({ ...node, channel })}
      />
      <ChoiceSelect
        label={`${name} consent state`}
        value={node.state}
        choices={consentStateFilters}
        labelOf={(s) => consentLabels[s]}
        onChange={(state) => onChange({ ...node, state })}
      />
    </>
  );
}

/** Whether a message of a status on a channel was (or was not) sent within the last N days. */
export function MessageControls({ node, name, errorKey, errors, onChange }: ConditionControlsProps<"message">) {
  return (
    <>
      <ChoiceSelect
        label={`${name} has or has not`}
        value={node.operator}
        choices={messageOperators}
        labelOf={(o) => messageOperatorLabels[o]}
        onChange={(operator) => onChange({ ...node, operator })}
      />
      <ChoiceSelect
        label={`${name} message status`}
        value={node.status}
        choices={messageStatusFilters}
        labelOf={(s) => messageStatusLabels[s]}
        onChange={(status) => onChange({ ...node, status })}
      />
      <ChoiceSelect
        label={`${name} channel`}
        value={node.channel}
        choices={segmentChannels}
        labelOf={(c) => `a ${channelLabels[c]} message`}
        onChange={(channel) => onChange({ ...node, channel })}
      />
      <ConditionItem className="w-28" error={errors[`${errorKey}.withinDays`]}>
        <Input
          type="number"
          min={1}
          max={3650}
          aria-label={`${name} within the last days`}
          value={Number.isNaN(node.withinDays) ? "" : node.withinDays}
          onChange={(e) =>
            onChange({ ...node, withinDays: e.target.value === "" ? Number.NaN : Number(e.target.value) })
          }
        />
      </ConditionItem>
      <span className="self-center text-sm text-muted">days</span>
    </>
  );
}

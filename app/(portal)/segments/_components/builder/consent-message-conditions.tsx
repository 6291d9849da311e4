"use client";

import { Input, Select } from "@/app/_components/ui/input";
import { consentStateFilters, messageStatusFilters, segmentChannels } from "@/server/domains/segment/schema";
import { channelLabels, consentLabels, messageStatusLabels } from "../labels";
import { ConditionItem, selectClass, type ConditionControlsProps } from "./controls";

/** A channel and the consent state recorded for it. */
export function ConsentControls({ node, name, onChange }: ConditionControlsProps<"consent">) {
  return (
    <>
      <Select
        aria-label={`${name} channel`}
        className={selectClass}
        value={node.channel}
        onChange={(e) => onChange({ ...node, channel: e.target.value as typeof node.channel })}
      >
        {segmentChannels.map((c) => (
          <option key={c} value={c}>
            {channelLabels[c]}
          </option>
        ))}
      </Select>
      <Select
        aria-label={`${name} consent state`}
        className={selectClass}
        value={node.state}
        onChange={(e) => onChange({ ...node, state: e.target.value as typeof node.state })}
      >
        {consentStateFilters.map((s) => (
          <option key={s} value={s}>
            {consentLabels[s]}
          </option>
        ))}
      </Select>
    </>
  );
}

/** Whether a message of a status on a channel was (or was not) sent within the last N days. */
export function MessageControls({ node, name, errorKey, errors, onChange }: ConditionControlsProps<"message">) {
  return (
    <>
      <Select
        aria-label={`${name} has or has not`}
        className={selectClass}
        value={node.operator}
        onChange={(e) => onChange({ ...node, operator: e.target.value as typeof node.operator })}
      >
        <option value="has">was</option>
        <option value="has_not">was not</option>
      </Select>
      <Select
        aria-label={`${name} message status`}
        className={selectClass}
        value={node.status}
        onChange={(e) => onChange({ ...node, status: e.target.value as typeof node.status })}
      >
        {messageStatusFilters.map((s) => (
          <option key={s} value={s}>
            {messageStatusLabels[s]}
          </option>
        ))}
      </Select>
      <Select
        aria-label={`${name} channel`}
        className={selectClass}
        value={node.channel}
        onChange={(e) => onChange({ ...node, channel: e.target.value as typeof node.channel })}
      >
        {segmentChannels.map((c) => (
          <option key={c} value={c}>
            {`a ${channelLabels[c]} message`}
          </option>
        ))}
      </Select>
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

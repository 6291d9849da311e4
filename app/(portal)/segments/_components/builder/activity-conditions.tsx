"use client";

import { Input, Select } from "@/app/_components/ui/input";
import { activityKeyLabel } from "@/app/_components/activity-labels";
import {
  activityCountKeys,
  activityKeyType,
  activityTimestampKeys,
  countOperators,
  dateOperators,
  type ActivityCondition,
  type ActivityOperator,
} from "@/server/domains/segment/schema";
import { countOperatorLabels, operatorLabels } from "../labels";
import { ConditionItem, DaysInput, selectClass, type ConditionControlsProps } from "./controls";

/** Another activity key of the other type (count or date) starts from that type's usual question. */
function switchActivityKey(node: ActivityCondition, key: string): ActivityCondition {
  const type = activityKeyType(key);
  if (type === activityKeyType(node.key)) return { ...node, key };
  return type === "count"
    ? { kind: "activity", key, operator: "at_least", value: 1 }
    : { kind: "activity", key, operator: "within_last_days", days: 30 };
}

/** The value control of an activity condition: a whole number for counts, a date or a number of days for timestamps. */
function ActivityValueControl({ node, name, errorKey, errors, onChange }: ConditionControlsProps<"activity">) {
  const control = "min-w-32 flex-1";
  if (node.operator === "within_last_days")
    return (
      <DaysInput
        className={control}
        days={node.days}
        name={name}
        errorKey={errorKey}
        errors={errors}
        onChange={(days) => onChange({ ...node, days })}
      />
    );
  const isCount = activityKeyType(node.key) === "count";
  return (
    <ConditionItem className={control} error={errors[`${errorKey}.value`]}>
      {isCount ? (
        <Input
          type="number"
          min={0}
          step={1}
          aria-label={`${name} value`}
          value={typeof node.value === "number" && !Number.isNaN(node.value) ? node.value : ""}
          onChange={(e) => onChange({ ...node, value: e.target.value === "" ? undefined : Number(e.target.value) })}
        />
      ) : (
        <Input
          type="date"
          aria-label={`${name} value`}
          value={typeof node.value === "string" ? node.value : ""}
          onChange={(e) => onChange({ ...node, value: e.target.value })}
        />
      )}
    </ConditionItem>
  );
}

/** A Responsys activity count or date, an operator that suits it, and the value. */
export function ActivityControls(props: ConditionControlsProps<"activity">) {
  const { node, name, errorKey, errors, onChange } = props;
  return (
    <>
      <ConditionItem className="min-w-48" error={errors[`${errorKey}.key`]}>
        <Select
          aria-label={`${name} activity`}
          className="w-full"
          value={node.key}
          onChange={(e) => onChange(switchActivityKey(node, e.target.value))}
        >
          <optgroup label="Counts">
            {activityCountKeys.map((k) => (
              <option key={k} value={k}>
                {activityKeyLabel(k)}
              </option>
            ))}
          </optgroup>
          <optgroup label="Dates">
            {activityTimestampKeys.map((k) => (
              <option key={k} value={k}>
                {activityKeyLabel(k)}
              </option>
            ))}
          </optgroup>
        </Select>
      </ConditionItem>
      <ConditionItem className={selectClass} error={errors[`${errorKey}.operator`]}>
        <Select
          aria-label={`${name} operator`}
          className="w-full"
          value={node.operator}
          onChange={(e) => onChange({ ...node, operator: e.target.value as ActivityOperator })}
        >
          {activityKeyType(node.key) === "count"
            ? countOperators.map((op) => (
                <option key={op} value={op}>
                  {countOperatorLabels[op]}
                </option>
              ))
            : dateOperators.map((op) => (
                <option key={op} value={op}>
                  {operatorLabels[op]}
                </option>
              ))}
        </Select>
      </ConditionItem>
      <ActivityValueControl {...props} />
    </>
  );
}

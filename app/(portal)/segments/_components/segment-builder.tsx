"use client";

import { FolderPlus, Plus, Trash2 } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { activityKeyLabel } from "@/app/_components/activity-labels";
import { Input, Select } from "@/app/_components/ui/input";
import {
  activityCountKeys,
  activityKeyType,
  activityTimestampKeys,
  consentStateFilters,
  contactFields,
  contactFieldTypes,
  countOperators,
  dateOperators,
  messageStatusFilters,
  MAX_DEPTH,
  segmentChannels,
  textOperators,
  type ActivityCondition,
  type ActivityOperator,
  type Condition,
  type FieldOperator,
  type Group,
  type SegmentNode,
} from "@/server/domains/segment/schema";
import {
  channelLabels,
  consentLabels,
  countOperatorLabels,
  countryOptions,
  fieldLabels,
  kindLabels,
  messageStatusLabels,
  operatorLabels,
} from "./labels";
import { appendAt, newCondition, newGroup, pathLabel, replaceAt, type NodePath } from "./tree";

/** Issue messages by path ("children.0.value"), from validating the definition in the browser. */
export type BuilderErrors = Record<string, string>;

const valueless = new Set<FieldOperator>(["is_empty", "is_not_empty"]);
const countryFields = new Set(["country", "mobileCountry"]);

function ErrorText({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-danger">
      {message}
    </p>
  );
}

/** A condition of another kind starts from that kind's most common question. */
function switchKind(kind: Condition["kind"]): Condition {
  switch (kind) {
    case "field":
      return newCondition();
    case "attribute":
      return { kind: "attribute", key: "", operator: "eq", value: "" };
    case "consent":
      return { kind: "consent", channel: "whatsapp", state: "opt_in" };
    case "message":
      return { kind: "message", operator: "has", channel: "whatsapp", status: "delivered", withinDays: 7 };
    case "activity":
      return { kind: "activity", key: "email_open_ct", operator: "at_least", value: 1 };
  }
}

/** Another activity key of the other type (count or date) starts from that type's usual question. */
function switchActivityKey(node: ActivityCondition, key: string): ActivityCondition {
  const type = activityKeyType(key);
  if (type === activityKeyType(node.key)) return { ...node, key };
  return type === "count"
    ? { kind: "activity", key, operator: "at_least", value: 1 }
    : { kind: "activity", key, operator: "within_last_days", days: 30 };
}

/** "Within the last N days": the number of days, with its error. */
function DaysInput({
  className,
  days,
  name,
  errorKey,
  errors,
  onChange,
}: {
  className: string;
  days: number | undefined;
  name: string;
  errorKey: string;
  errors: BuilderErrors;
  onChange: (days: number | undefined) => void;
}) {
  const error = errors[`${errorKey}.days`];
  return (
    <div className={className}>
      <Input
        type="number"
        min={1}
        max={3650}
        aria-label={`${name} days`}
        aria-invalid={!!error}
        aria-describedby={error ? `${errorKey}-days-error` : undefined}
        value={days ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
      <ErrorText id={`${errorKey}-days-error`} message={error} />
    </div>
  );
}

/** The value control of an activity condition: a whole number for counts, a date or a number of days for timestamps. */
function ActivityValueControl({
  node,
  name,
  errorKey,
  errors,
  onChange,
}: {
  node: ActivityCondition;
  name: string;
  errorKey: string;
  errors: BuilderErrors;
  onChange: (next: Condition) => void;
}) {
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
  const error = errors[`${errorKey}.value`];
  const common = {
    "aria-label": `${name} value`,
    "aria-invalid": !!error,
    "aria-describedby": error ? `${errorKey}-value-error` : undefined,
  };
  const isCount = activityKeyType(node.key) === "count";
  return (
    <div className={control}>
      {isCount ? (
        <Input
          type="number"
          min={0}
          step={1}
          {...common}
          value={typeof node.value === "number" && !Number.isNaN(node.value) ? node.value : ""}
          onChange={(e) => onChange({ ...node, value: e.target.value === "" ? undefined : Number(e.target.value) })}
        />
      ) : (
        <Input
          type="date"
          {...common}
          value={typeof node.value === "string" ? node.value : ""}
          onChange={(e) => onChange({ ...node, value: e.target.value })}
        />
      )}
      <ErrorText id={`${errorKey}-value-error`} message={error} />
    </div>
  );
}

/** The value control of a field or attribute condition: text, a date, a number of days, a list or a country. */
function ValueControl({
  node,
  name,
  errorKey,
  errors,
  onChange,
}: {
  node: Extract<Condition, { kind: "field" | "attribute" }>;
  name: string;
  errorKey: string;
  errors: BuilderErrors;
  onChange: (next: Condition) => void;
}) {
  const operator: FieldOperator = node.operator;
  if (valueless.has(operator)) return null;
  const control = "min-w-40 flex-1";
  if (operator === "within_last_days" && node.kind === "field")
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
  if (operator === "in") {
    const error = errors[`${errorKey}.values`];
    return (
      <div className={control}>
        <Input
          aria-label={`${name} values`}
          placeholder="Comma-separated, e.g. DE, AT"
          aria-invalid={!!error}
          aria-describedby={error ? `${errorKey}-values-error` : undefined}
          value={(node.values ?? []).join(",")}
          onChange={(e) =>
            onChange({
              ...node,
              values: e.target.value
                .split(",")
                .map((v) => v.trimStart())
                .filter((v, i, all) => v !== "" || i === all.length - 1),
            })
          }
        />
        <ErrorText id={`${errorKey}-values-error`} message={error} />
      </div>
    );
  }
  const error = errors[`${errorKey}.value`];
  const common = {
    "aria-label": `${name} value`,
    "aria-invalid": !!error,
    "aria-describedby": error ? `${errorKey}-value-error` : undefined,
  };
  if (node.kind === "field" && countryFields.has(node.field) && (operator === "eq" || operator === "neq")) {
    return (
      <div className={control}>
        <Select
          className="w-full"
          {...common}
          value={node.value ?? ""}
          onChange={(e) => onChange({ ...node, value: e.target.value })}
        >
          <option value="">Choose a country</option>
          {countryOptions.map((c) => (
            <option key={c.code} value={c.code} suppressHydrationWarning>
              {c.name} ({c.code})
            </option>
          ))}
        </Select>
        <ErrorText id={`${errorKey}-value-error`} message={error} />
      </div>
    );
  }
  const isDate = operator === "before" || operator === "after";
  return (
    <div className={control}>
      <Input
        type={isDate ? "date" : "text"}
        {...common}
        value={node.value ?? ""}
        onChange={(e) => onChange({ ...node, value: e.target.value })}
      />
      <ErrorText id={`${errorKey}-value-error`} message={error} />
    </div>
  );
}

function ConditionRow({
  node,
  path,
  errors,
  onChange,
  onRemove,
}: {
  node: Condition;
  path: NodePath;
  errors: BuilderErrors;
  onChange: (next: Condition) => void;
  onRemove: () => void;
}) {
  const name = `Condition ${pathLabel(path)}`;
  const errorKey = path.map((i) => `children.${i}`).join(".");
  const select = "min-w-36";
  return (
    <li className="flex flex-wrap items-start gap-2 rounded-md border border-line bg-white p-3">
      <Select
        aria-label={`${name} type`}
        className={select}
        value={node.kind}
        onChange={(e) => onChange(switchKind(e.target.value as Condition["kind"]))}
      >
        {Object.entries(kindLabels).map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </Select>

      {node.kind === "field" ? (
        <>
          <Select
            aria-label={`${name} field`}
            className={select}
            value={node.field}
            onChange={(e) => {
              const field = e.target.value as typeof node.field;
              const sameType = contactFieldTypes[field] === contactFieldTypes[node.field];
              onChange(
                sameType
                  ? { ...node, field }
                  : {
                      kind: "field",
                      field,
                      operator: contactFieldTypes[field] === "date" ? "within_last_days" : "eq",
                      value: "",
                      days: 30,
                    },
              );
            }}
          >
            {contactFields.map((f) => (
              <option key={f} value={f}>
                {fieldLabels[f]}
              </option>
            ))}
          </Select>
          <Select
            aria-label={`${name} operator`}
            className={select}
            value={node.operator}
            onChange={(e) => onChange({ ...node, operator: e.target.value as FieldOperator })}
          >
            {(contactFieldTypes[node.field] === "date" ? dateOperators : textOperators).map((op) => (
              <option key={op} value={op}>
                {operatorLabels[op]}
              </option>
            ))}
          </Select>
          <ValueControl node={node} name={name} errorKey={errorKey} errors={errors} onChange={onChange} />
        </>
      ) : null}

      {node.kind === "attribute" ? (
        <>
          <div className="min-w-36">
            <Input
              aria-label={`${name} attribute name`}
              placeholder="ATTRIBUTE_NAME"
              className="font-mono"
              aria-invalid={!!errors[`${errorKey}.key`]}
              aria-describedby={errors[`${errorKey}.key`] ? `${errorKey}-key-error` : undefined}
              value={node.key}
              onChange={(e) => onChange({ ...node, key: e.target.value })}
            />
            <ErrorText id={`${errorKey}-key-error`} message={errors[`${errorKey}.key`]} />
          </div>
          <Select
            aria-label={`${name} operator`}
            className={select}
            value={node.operator}
            onChange={(e) => onChange({ ...node, operator: e.target.value as typeof node.operator })}
          >
            {textOperators.map((op) => (
              <option key={op} value={op}>
                {operatorLabels[op]}
              </option>
            ))}
          </Select>
          <ValueControl node={node} name={name} errorKey={errorKey} errors={errors} onChange={onChange} />
        </>
      ) : null}

      {node.kind === "consent" ? (
        <>
          <Select
            aria-label={`${name} channel`}
            className={select}
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
            className={select}
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
      ) : null}

      {node.kind === "message" ? (
        <>
          <Select
            aria-label={`${name} has or has not`}
            className={select}
            value={node.operator}
            onChange={(e) => onChange({ ...node, operator: e.target.value as typeof node.operator })}
          >
            <option value="has">was</option>
            <option value="has_not">was not</option>
          </Select>
          <Select
            aria-label={`${name} message status`}
            className={select}
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
            className={select}
            value={node.channel}
            onChange={(e) => onChange({ ...node, channel: e.target.value as typeof node.channel })}
          >
            {segmentChannels.map((c) => (
              <option key={c} value={c}>
                {`a ${channelLabels[c]} message`}
              </option>
            ))}
          </Select>
          <div className="w-28">
            <Input
              type="number"
              min={1}
              max={3650}
              aria-label={`${name} within the last days`}
              aria-invalid={!!errors[`${errorKey}.withinDays`]}
              value={Number.isNaN(node.withinDays) ? "" : node.withinDays}
              onChange={(e) =>
                onChange({ ...node, withinDays: e.target.value === "" ? Number.NaN : Number(e.target.value) })
              }
            />
            <ErrorText id={`${errorKey}-days-error`} message={errors[`${errorKey}.withinDays`]} />
          </div>
          <span className="self-center text-sm text-muted">days</span>
        </>
      ) : null}

      {node.kind === "activity" ? (
        <>
          <div className="min-w-48">
            <Select
              aria-label={`${name} activity`}
              className="w-full"
              aria-invalid={!!errors[`${errorKey}.key`]}
              aria-describedby={errors[`${errorKey}.key`] ? `${errorKey}-key-error` : undefined}
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
            <ErrorText id={`${errorKey}-key-error`} message={errors[`${errorKey}.key`]} />
          </div>
          <div className={select}>
            <Select
              aria-label={`${name} operator`}
              className="w-full"
              aria-invalid={!!errors[`${errorKey}.operator`]}
              aria-describedby={errors[`${errorKey}.operator`] ? `${errorKey}-operator-error` : undefined}
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
            <ErrorText id={`${errorKey}-operator-error`} message={errors[`${errorKey}.operator`]} />
          </div>
          <ActivityValueControl node={node} name={name} errorKey={errorKey} errors={errors} onChange={onChange} />
        </>
      ) : null}

      <Button variant="ghost" aria-label={`Remove condition ${pathLabel(path)}`} onClick={onRemove} className="ml-auto">
        <Trash2 aria-hidden className="size-4" />
      </Button>
    </li>
  );
}

function GroupBox({
  group,
  path,
  root,
  errors,
  onChange,
}: {
  group: Group;
  path: NodePath;
  root: Group;
  errors: BuilderErrors;
  onChange: (next: Group) => void;
}) {
  const isRoot = path.length === 0;
  const name = isRoot ? "Contacts must match" : `Group ${pathLabel(path)} must match`;
  const suffix = isRoot ? "" : ` to group ${pathLabel(path)}`;
  const groupError = errors[path.map((i) => `children.${i}`).join(".")];
  const set = (at: NodePath, next: SegmentNode | null) => onChange(replaceAt(root, at, next));
  return (
    <fieldset
      className={cn(
        "space-y-3 rounded-lg border p-4",
        isRoot ? "border-line bg-surface" : "border-brand-100 bg-brand-50/40",
      )}
    >
      <legend className="sr-only">{isRoot ? "Conditions" : `Group ${pathLabel(path)}`}</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={`combinator-${pathLabel(path) || "root"}`} className="font-medium">
          {name}
        </label>
        <Select
          id={`combinator-${pathLabel(path) || "root"}`}
          value={group.combinator}
          onChange={(e) => set(path, { ...group, combinator: e.target.value as Group["combinator"] })}
        >
          <option value="and">all of these (AND)</option>
          <option value="or">any of these (OR)</option>
        </Select>
        {isRoot ? null : (
          <Button
            variant="ghost"
            className="ml-auto"
            aria-label={`Remove group ${pathLabel(path)}`}
            onClick={() => set(path, null)}
          >
            <Trash2 aria-hidden className="size-4" /> Remove group
          </Button>
        )}
      </div>
      {groupError ? (
        <p role="alert" className="text-sm text-danger">
          {groupError}
        </p>
      ) : null}
      {group.children.length === 0 ? (
        <p className="text-sm text-muted">
          {isRoot
            ? "No conditions: every contact matches. Add a condition to narrow it down."
            : "An empty group is left out."}
        </p>
      ) : null}
      <ul className="space-y-2">
        {group.children.map((child, i) => {
          const at = [...path, i];
          return child.kind === "group" ? (
            <li key={i}>
              <GroupBox group={child} path={at} root={root} errors={errors} onChange={onChange} />
            </li>
          ) : (
            <ConditionRow
              key={i}
              node={child}
              path={at}
              errors={errors}
              onChange={(next) => set(at, next)}
              onRemove={() => set(at, null)}
            />
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => onChange(appendAt(root, path, newCondition()))}>
          <Plus aria-hidden className="size-4" /> {`Add condition${suffix}`}
        </Button>
        {path.length + 1 < MAX_DEPTH ? (
          <Button variant="secondary" onClick={() => onChange(appendAt(root, path, newGroup()))}>
            <FolderPlus aria-hidden className="size-4" /> {`Add group${suffix}`}
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}

/** Nested AND/OR groups of conditions over contact fields, attributes, consent, message history and Responsys activity. */
export function SegmentBuilder({
  definition,
  errors,
  onChange,
}: {
  definition: Group;
  errors: BuilderErrors;
  onChange: (next: Group) => void;
}) {
  return <GroupBox group={definition} path={[]} root={definition} errors={errors} onChange={onChange} />;
}

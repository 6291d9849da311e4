"use client";

import { Trash2 } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { Select } from "@/app/_components/ui/input";
import type { Condition } from "@/server/domains/segment/schema";
import { kindLabels } from "../labels";
import { newCondition, pathLabel, type NodePath } from "../tree";
import { ActivityControls } from "./activity-conditions";
import { ConsentControls, MessageControls } from "./consent-message-conditions";
import { selectClass, type BuilderErrors, type ConditionControlsProps } from "./controls";
import { AttributeControls, FieldControls } from "./field-conditions";

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

/** The controls of the condition's kind; each kind asks its own question. */
function KindControls({ node, ...rest }: ConditionControlsProps<Condition["kind"]>) {
  switch (node.kind) {
    case "field":
      return <FieldControls node={node} {...rest} />;
    case "attribute":
      return <AttributeControls node={node} {...rest} />;
    case "consent":
      return <ConsentControls node={node} {...rest} />;
    case "message":
      return <MessageControls node={node} {...rest} />;
    case "activity":
      return <ActivityControls node={node} {...rest} />;
  }
}

/** One condition: its kind, the kind's controls and a remove button. */
export function ConditionRow({
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
  return (
    <li className="flex flex-wrap items-start gap-2 rounded-md border border-line bg-white p-3">
      <Select
        aria-label={`${name} type`}
        className={selectClass}
        value={node.kind}
        onChange={(e) => onChange(switchKind(e.target.value as Condition["kind"]))}
      >
        {Object.entries(kindLabels).map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </Select>
      <KindControls node={node} name={name} errorKey={errorKey} errors={errors} onChange={onChange} />
      <Button variant="ghost" aria-label={`Remove condition ${pathLabel(path)}`} onClick={onRemove} className="ml-auto">
        <Trash2 aria-hidden className="size-4" />
      </Button>
    </li>
  );
}

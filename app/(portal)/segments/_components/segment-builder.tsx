"use client";

import { FolderPlus, Plus, Trash2 } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { Select } from "@/app/_components/ui/input";
import { MAX_DEPTH, type Group, type SegmentNode } from "@/server/domains/segment/schema";
import { ConditionRow } from "./builder/condition-row";
import type { BuilderErrors } from "./builder/controls";
import { appendAt, newCondition, newGroup, pathLabel, replaceAt, type NodePath } from "./tree";

/** One AND/OR group: its combinator, its conditions and nested groups, and the buttons that add to it. */
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

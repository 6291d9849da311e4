import type { Condition, Group, SegmentNode } from "@/server/domains/segment/schema";

// Nodes are addressed by their child indices from the root group: [] is the root, [1, 0] the
// first child of the second child. The builder edits immutably by path.
export type NodePath = number[];

export function nodeAt(root: Group, path: NodePath): SegmentNode | undefined {
  let node: SegmentNode | undefined = root;
  for (const i of path) node = node?.kind === "group" ? node.children[i] : undefined;
  return node;
}

export function replaceAt(root: Group, path: NodePath, next: SegmentNode | null): Group {
  const [head, ...rest] = path;
  if (head === undefined) return next?.kind === "group" ? next : root;
  const child = root.children[head];
  if (!child) return root;
  const replaced = rest.length === 0 ? next : child.kind === "group" ? replaceAt(child, rest, next) : child;
  const children =
    replaced === null
      ? root.children.filter((_, i) => i !== head)
      : root.children.map((c, i) => (i === head ? replaced : c));
  return { ...root, children };
}

export function appendAt(root: Group, path: NodePath, child: SegmentNode): Group {
  const group = nodeAt(root, path);
  if (group?.kind !== "group") return root;
  return replaceAt(root, path, { ...group, children: [...group.children, child] });
}

export const newCondition = (): Condition => ({ kind: "field", field: "country", operator: "eq", value: "" });
export const newGroup = (): Group => ({ kind: "group", combinator: "or", children: [newCondition()] });

/** "2.1" for the first child of the second: how the builder names nodes to people and screen readers. */
export const pathLabel = (path: NodePath) => path.map((i) => i + 1).join(".");

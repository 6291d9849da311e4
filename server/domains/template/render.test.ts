import { describe, expect, it } from "vitest";
import { placeholderCount, placeholdersOf, renderBody, renderParts } from "./render";

describe("template body placeholders", () => {
  it("finds positional placeholders in order, tolerating spaces inside the braces", () => {
    expect(placeholdersOf("Hi {{1}}, see you on {{ 2 }} at {{3}}.")).toEqual(["1", "2", "3"]);
    expect(placeholderCount("Hi {{1}}, see you on {{ 2 }} at {{3}}.")).toBe(3);
    expect(renderBody("Hi {{1}}, see you on {{ 2 }} at {{3}}.", ["Ana", "Monday", "10:00"])).toBe(
      "Hi Ana, see you on Monday at 10:00.",
    );
  });

  it("fills named placeholders by name, or by order of first appearance from a list", () => {
    const body = "Hello {{first_name}}, your order {{order_id}} shipped.";
    expect(placeholdersOf(body)).toEqual(["first_name", "order_id"]);
    expect(renderBody(body, { first_name: "Ana", order_id: "A-7" })).toBe("Hello Ana, your order A-7 shipped.");
    expect(renderBody(body, ["Ana", "A-7"])).toBe("Hello Ana, your order A-7 shipped.");
  });

  it("counts a repeated placeholder once and fills every occurrence", () => {
    const body = "{{1}}, yes {{1}}: your code is {{2}}";
    expect(placeholderCount(body)).toBe(2);
    expect(renderBody(body, ["Ana", "1234"])).toBe("Ana, yes Ana: your code is 1234");
  });

  it("leaves a visible marker where a value is missing or empty", () => {
    expect(renderBody("Hi {{1}}, on {{2}}", ["Ana"])).toBe("Hi Ana, on [missing {{2}}]");
    expect(renderBody("Hi {{1}}", [""])).toBe("Hi [missing {{1}}]");
    expect(renderBody("Hi {{name}}", {})).toBe("Hi [missing {{name}}]");
    expect(renderParts("Hi {{1}}!", [])).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "missing", key: "1", text: "[missing {{1}}]" },
      { kind: "text", text: "!" },
    ]);
  });

  it("has nothing to fill in a body without placeholders", () => {
    expect(placeholderCount("Thanks for your order.")).toBe(0);
    expect(renderParts("Thanks for your order.", ["x"])).toEqual([{ kind: "text", text: "Thanks for your order." }]);
  });
});

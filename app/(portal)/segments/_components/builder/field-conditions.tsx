"use client";

import { Input, Select } from "@/app/_components/ui/input";
import {
  contactFields,
  contactFieldTypes,
  dateOperators,
  textOperators,
  type FieldOperator,
} from "@/server/domains/segment/schema";
import { countryOptions } from "@/app/_components/countries";
import { fieldLabels, operatorLabels } from "../labels";
import { ChoiceSelect, ConditionItem, DaysInput, selectClass, type ConditionControlsProps } from "./controls";

const valueless = new Set<FieldOperator>(["is_empty", "is_not_empty"]);
const countryFields = new Set(["country", "mobileCountry"]);

/** The value control of a field or attribute condition: text, a date, a number of days, a list or a country. */
function ValueControl({ node, name, errorKey, errors, onChange }: ConditionControlsProps<"field" | "attribute">) {
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
    return (
      <ConditionItem className={control} error={errors[`${errorKey}.values`]}>
        <Input
          aria-label={`${name} values`}
          placeholder="Comma-separated, e.g. DE, AT"
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
      </ConditionItem>
    );
  }
  const error = errors[`${errorKey}.value`];
  if (node.kind === "field" && countryFields.has(node.field) && (operator === "eq" || operator === "neq")) {
    return (
      <ConditionItem className={control} error={error}>
        <Select
          aria-label={`${name} value`}
          className="w-full"
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
      </ConditionItem>
    );
  }
  const isDate = operator === "before" || operator === "after";
  return (
    <ConditionItem className={control} error={error}>
      <Input
        type={isDate ? "date" : "text"}
        aria-label={`${name} value`}
        value={node.value ?? ""}
        onChange={(e) => onChange({ ...node, value: e.target.value })}
      />
    </ConditionItem>
  );
}

/** A contact field, an operator that suits its type, and the value. */
export function FieldControls(props: ConditionControlsProps<"field">) {
  const { node, name, onChange } = props;
  return (
    <>
      <Select
        aria-label={`${name} field`}
        className={selectClass}
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
      <ChoiceSelect<FieldOperator>
        label={`${name} operator`}
        value={node.operator}
        choices={contactFieldTypes[node.field] === "date" ? dateOperators : textOperators}
        labelOf={(op) => operatorLabels[op]}
        onChange={(operator) => onChange({ ...node, operator })}
      />
      <ValueControl {...props} />
    </>
  );
}

/** A custom attribute by name, an operator and the value. */
export function AttributeControls(props: ConditionControlsProps<"attribute">) {
  const { node, name, errorKey, errors, onChange } = props;
  return (
    <>
      <ConditionItem className="min-w-36" error={errors[`${errorKey}.key`]}>
        <Input
          aria-label={`${name} attribute name`}
          placeholder="ATTRIBUTE_NAME"
          className="font-mono"
          value={node.key}
          onChange={(e) => onChange({ ...node, key: e.target.value })}
        />
      </ConditionItem>
      <ChoiceSelect
        label={`${name} operator`}
        value={node.operator}
        choices={textOperators}
        labelOf={(op) => operatorLabels[op]}
        onChange={(operator) => onChange({ ...node, operator })}
      />
      <ValueControl {...props} />
    </>
  );
}

/**
 * Parameters of a statement built at run time: `param(value)` adds a value and returns its
 * placeholder (`$1`, `$2`…, which both sessions understand); `values` is what the statement binds.
 */
export interface SqlParams {
  readonly values: unknown[];
  param(value: unknown): string;
}

export function sqlParams(initial: readonly unknown[] = []): SqlParams {
  const values = [...initial];
  return {
    values,
    param(value) {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

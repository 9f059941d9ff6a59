/** How one validated field is written: its column and the SQL cast of its parameter. */
const COLUMNS: Readonly<Record<string, { readonly column: string; readonly cast: string }>> = {
  name: { column: 'name', cast: 'text' },
  teamId: { column: 'team_id', cast: 'uuid' },
  budget: { column: 'budget', cast: 'numeric' },
  budgetPeriod: { column: 'budget_period', cast: 'text' },
  allowedModels: { column: 'allowed_models', cast: 'text[]' },
  rpm: { column: 'rpm', cast: 'integer' },
  tpm: { column: 'tpm', cast: 'integer' },
  expiresAt: { column: 'expires_at', cast: 'timestamptz' },
  metadata: { column: 'metadata', cast: 'jsonb' },
};

/** A parameter in the form both drivers send the same way. */
function parameter(field: string, value: unknown): unknown {
  if (value === null) return null;
  if (field === 'metadata') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * `column = $n::cast` for each validated field present, numbering parameters after `offset`.
 * Only fields of `COLUMNS` get here (validation refuses the others), so no name reaches SQL that
 * did not come from this table.
 */
export function columnAssignments(
  columns: object,
  offset: number,
): { readonly assignments: string[]; readonly values: unknown[] } {
  const assignments: string[] = [];
  const values: unknown[] = [];
  for (const [field, value] of Object.entries(columns)) {
    const target = COLUMNS[field];
    if (target === undefined || value === undefined) continue;
    values.push(parameter(field, value));
    assignments.push(`${target.column} = $${offset + values.length}::${target.cast}`);
  }
  return { assignments, values };
}

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { BUDGET_PERIODS, type BudgetPeriod, type Team } from '../admin-types';

/** The editable fields of a key or team, as typed in the form. */
export interface LimitsValues {
  readonly name: string;
  readonly teamId: string;
  readonly models: string;
  readonly budgetUsd: string;
  readonly budgetPeriod: BudgetPeriod;
  readonly requestsPerMinute: string;
  readonly tokensPerMinute: string;
  readonly expiresAt: string;
}

/** Initial form values of an existing record, or of a new one. */
export function limitsValuesOf(
  record: (Team & { teamId?: string | null; expiresAt?: string | null }) | undefined,
): LimitsValues {
  return {
    name: record?.name ?? '',
    teamId: record?.teamId ?? '',
    models: record?.models?.join(', ') ?? '',
    budgetUsd: record?.budgetUsd === null || record?.budgetUsd === undefined ? '' : String(record.budgetUsd),
    budgetPeriod: record?.budgetPeriod ?? 'monthly',
    requestsPerMinute: record?.requestsPerMinute == null ? '' : String(record.requestsPerMinute),
    tokensPerMinute: record?.tokensPerMinute == null ? '' : String(record.tokensPerMinute),
    expiresAt: record?.expiresAt == null ? '' : record.expiresAt.slice(0, 10),
  };
}

/**
 * The admin API body of the form: empty fields are null on an edit (clearing them) and left out
 * on a create.
 */
export function limitsBody(
  values: LimitsValues,
  options: { readonly kind: 'key' | 'team'; readonly editing: boolean },
): Record<string, unknown> {
  const body: Record<string, unknown> = { name: values.name.trim() };
  const put = (field: string, value: unknown): void => {
    if (value !== null || options.editing) body[field] = value;
  };
  const number = (text: string): number | null => (text.trim() === '' ? null : Number(text));
  const models = values.models
    .split(',')
    .map((model) => model.trim())
    .filter((model) => model !== '');
  put('models', models.length === 0 ? null : models);
  put('budgetUsd', number(values.budgetUsd));
  if (values.budgetUsd.trim() !== '') body.budgetPeriod = values.budgetPeriod;
  put('requestsPerMinute', number(values.requestsPerMinute));
  put('tokensPerMinute', number(values.tokensPerMinute));
  if (options.kind === 'key') {
    if (!options.editing && values.teamId !== '') body.teamId = values.teamId;
    put(
      'expiresAt',
      values.expiresAt === '' ? null : new Date(`${values.expiresAt}T23:59:59Z`).toISOString(),
    );
  }
  return body;
}

/** The key/team form: name, team, models, budget and period, limits, expiry. */
export function LimitsForm(props: {
  readonly idPrefix: string;
  readonly kind: 'key' | 'team';
  readonly editing: boolean;
  readonly initial: LimitsValues;
  readonly teams: readonly Team[];
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly onSubmit: (values: LimitsValues) => void;
  readonly children?: ComponentChildren;
}) {
  const [values, setValues] = useState<LimitsValues>(props.initial);
  const set = (field: keyof LimitsValues) => (event: Event) =>
    setValues({ ...values, [field]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const id = (field: string): string => `${props.idPrefix}-${field}`;
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit(values);
      }}
    >
      <label for={id('name')}>Name</label>
      <input id={id('name')} required maxLength={256} value={values.name} onInput={set('name')} />
      {props.kind === 'key' && !props.editing && (
        <>
          <label for={id('team')}>Team</label>
          <select id={id('team')} value={values.teamId} onChange={set('teamId')}>
            <option value="">no team</option>
            {props.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label for={id('models')}>Models</label>
      <input
        id={id('models')}
        placeholder="all (or: default, openai/*)"
        value={values.models}
        onInput={set('models')}
        aria-describedby={id('models-hint')}
      />
      <span id={id('models-hint')} class="hint">
        Comma-separated; a trailing * matches a prefix. Empty allows every model.
      </span>
      <label for={id('budget')}>Budget (USD)</label>
      <input
        id={id('budget')}
        type="number"
        min="0"
        step="0.01"
        value={values.budgetUsd}
        onInput={set('budgetUsd')}
      />
      <label for={id('period')}>Budget period</label>
      <select id={id('period')} value={values.budgetPeriod} onChange={set('budgetPeriod')}>
        {BUDGET_PERIODS.map((period) => (
          <option key={period} value={period}>
            {period}
          </option>
        ))}
      </select>
      <label for={id('rpm')}>Requests per minute</label>
      <input
        id={id('rpm')}
        type="number"
        min="1"
        step="1"
        value={values.requestsPerMinute}
        onInput={set('requestsPerMinute')}
      />
      <label for={id('tpm')}>Tokens per minute</label>
      <input
        id={id('tpm')}
        type="number"
        min="1"
        step="1"
        value={values.tokensPerMinute}
        onInput={set('tokensPerMinute')}
      />
      {props.kind === 'key' && (
        <>
          <label for={id('expires')}>Expires (UTC day)</label>
          <input id={id('expires')} type="date" value={values.expiresAt} onInput={set('expiresAt')} />
        </>
      )}
      <div class="actions form-actions">
        <button type="submit" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.children}
      </div>
    </form>
  );
}

import { useState } from 'preact/hooks';
import { type ApiKey, listOf, readKey, readTeam, readUsage, type Team, type Usage } from '../admin-types';
import { api } from '../api';
import { LimitsForm, limitsBody, limitsValuesOf } from '../components/limits-form';
import { Notice } from '../components/notice';
import { ProgressBar } from '../components/progress-bar';
import { SecretDialog } from '../components/secret-dialog';
import { formatDateTime, formatNumber } from '../format';
import { usePoll } from '../use-poll';

interface KeysData {
  readonly teams: Team[];
  readonly keys: ApiKey[];
  readonly usage: Record<string, Usage>;
  readonly teamUsage: Record<string, Usage>;
}

// usage is one call per key or team with a budget: the page looks up the first ones only
const MAX_USAGE_LOOKUPS = 100;

async function loadKeys(signal: AbortSignal): Promise<KeysData> {
  const [teamList, keyList] = await Promise.all([
    api<unknown>('/ui/api/admin/teams?limit=100', { signal }),
    api<unknown>('/ui/api/admin/keys?limit=100&includeRevoked=true', { signal }),
  ]);
  const teams = listOf(teamList).map(readTeam);
  const keys = listOf(keyList).map(readKey);
  const usage: Record<string, Usage> = {};
  const teamUsage: Record<string, Usage> = {};
  const lookUp = async (path: string, into: Record<string, Usage>, id: string): Promise<void> => {
    try {
      into[id] = readUsage(await api<Record<string, unknown>>(path, { signal }));
    } catch {
      // a record without usage still lists; its bar shows nothing spent
    }
  };
  await Promise.all([
    ...keys
      .filter((key) => !key.revoked && key.budgetUsd !== null)
      .slice(0, MAX_USAGE_LOOKUPS)
      .map((key) => lookUp(`/ui/api/admin/keys/${encodeURIComponent(key.id)}/usage`, usage, key.id)),
    ...teams
      .filter((team) => team.budgetUsd !== null)
      .slice(0, MAX_USAGE_LOOKUPS)
      .map((team) => lookUp(`/ui/api/admin/teams/${encodeURIComponent(team.id)}/usage`, teamUsage, team.id)),
  ]);
  return { teams, keys, usage, teamUsage };
}

function limitsText(record: Team): string {
  const parts: string[] = [];
  if (record.requestsPerMinute !== null) parts.push(`${formatNumber(record.requestsPerMinute)} req/min`);
  if (record.tokensPerMinute !== null) parts.push(`${formatNumber(record.tokensPerMinute)} tok/min`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

type Editing =
  | { readonly kind: 'key'; readonly record: ApiKey }
  | { readonly kind: 'team'; readonly record: Team };

/** Virtual keys and teams: list, create (key shown once), rotate, revoke, edit budgets and limits. */
export function KeysPage(props: { readonly governance: boolean }) {
  if (!props.governance) {
    return (
      <section aria-labelledby="keys-title">
        <h1 id="keys-title">Keys and teams</h1>
        <Notice kind="info">
          No governance store is configured, so there are no managed keys, teams or budgets. Configure one
          (see the gateway README) to manage them here; the live pages work without it.
        </Notice>
      </section>
    );
  }
  return <ManagedKeys />;
}

function ManagedKeys() {
  const polled = usePoll(loadKeys, 10_000);
  const [secret, setSecret] = useState<{ title: string; key: string } | undefined>();
  const [editing, setEditing] = useState<Editing | undefined>();
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [formGeneration, setFormGeneration] = useState(0);
  const data = polled.data;
  const teamName = (id: string | null): string =>
    data?.teams.find((team) => team.id === id)?.name ?? id ?? '—';

  const act = async (work: () => Promise<void>, done: string): Promise<void> => {
    setBusy(true);
    setMessage(undefined);
    try {
      await work();
      setMessage({ kind: 'info', text: done });
      polled.refresh();
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="keys-title">
      <header class="page-header">
        <h1 id="keys-title">Keys and teams</h1>
      </header>
      {message !== undefined && <Notice kind={message.kind}>{message.text}</Notice>}
      {polled.error !== undefined && <Notice kind="error">{polled.error.message}</Notice>}

      <h2>Keys</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Virtual keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Team</th>
              <th scope="col">Models</th>
              <th scope="col">Budget use</th>
              <th scope="col">Limits</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data !== undefined && data.keys.length === 0 && (
              <tr>
                <td colSpan={8} class="muted">
                  No keys yet.
                </td>
              </tr>
            )}
            {data?.keys.map((key) => (
              <tr key={key.id} data-key-id={key.id} class={key.revoked ? 'revoked' : ''}>
                <th scope="row">
                  {key.name}
                  {key.revoked && <span class="badge badge-unhealthy">revoked</span>}
                </th>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.teamId === null ? <span class="muted">—</span> : teamName(key.teamId)}</td>
                <td>{key.models === null ? 'all' : key.models.join(', ')}</td>
                <td>
                  <ProgressBar
                    label={`Budget use of ${key.name}`}
                    spent={data.usage[key.id]?.spentUsd ?? 0}
                    budget={key.budgetUsd}
                  />
                  {key.budgetPeriod !== null && key.budgetUsd !== null && (
                    <span class="muted"> {key.budgetPeriod}</span>
                  )}
                </td>
                <td>{limitsText(key)}</td>
                <td>{formatDateTime(key.expiresAt)}</td>
                <td class="row-actions">
                  {!key.revoked && (
                    <>
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => setEditing({ kind: 'key', record: key })}
                      >
                        Edit<span class="visually-hidden"> {key.name}</span>
                      </button>
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        onClick={() =>
                          act(async () => {
                            const answer = await api<{ key?: string }>(
                              `/ui/api/admin/keys/${encodeURIComponent(key.id)}/rotate`,
                              { method: 'POST', body: {} },
                            );
                            if (typeof answer?.key === 'string')
                              setSecret({ title: `New secret for ${key.name}`, key: answer.key });
                          }, `Rotated ${key.name}.`)
                        }
                      >
                        Rotate<span class="visually-hidden"> {key.name}</span>
                      </button>
                      <button
                        type="button"
                        class="danger"
                        disabled={busy}
                        onClick={() => {
                          if (!window.confirm(`Revoke ${key.name}? Calls with it are refused from now on.`))
                            return;
                          void act(
                            () =>
                              api(`/ui/api/admin/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' }),
                            `Revoked ${key.name}.`,
                          );
                        }}
                      >
                        Revoke<span class="visually-hidden"> {key.name}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <details class="panel" open={data !== undefined && data.keys.length === 0}>
        <summary>Create a key</summary>
        <LimitsForm
          key={`create-key-${formGeneration}`}
          idPrefix="new-key"
          kind="key"
          editing={false}
          initial={limitsValuesOf(undefined)}
          teams={data?.teams ?? []}
          submitLabel="Create key"
          busy={busy}
          onSubmit={(values) =>
            act(async () => {
              const answer = await api<{ key?: string; name?: string }>('/ui/api/admin/keys', {
                method: 'POST',
                body: limitsBody(values, { kind: 'key', editing: false }),
              });
              if (typeof answer?.key === 'string')
                setSecret({ title: `Key ${values.name} created`, key: answer.key });
              setFormGeneration((value) => value + 1);
            }, `Created ${values.name}.`)
          }
        />
      </details>

      <h2>Teams</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Teams</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Models</th>
              <th scope="col">Budget use</th>
              <th scope="col">Limits</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data !== undefined && data.teams.length === 0 && (
              <tr>
                <td colSpan={5} class="muted">
                  No teams yet.
                </td>
              </tr>
            )}
            {data?.teams.map((team) => (
              <tr key={team.id}>
                <th scope="row">{team.name}</th>
                <td>{team.models === null ? 'all' : team.models.join(', ')}</td>
                <td>
                  <ProgressBar
                    label={`Budget use of team ${team.name}`}
                    spent={data.teamUsage[team.id]?.spentUsd ?? 0}
                    budget={team.budgetUsd}
                  />
                  {team.budgetPeriod !== null && team.budgetUsd !== null && (
                    <span class="muted"> {team.budgetPeriod}</span>
                  )}
                </td>
                <td>{limitsText(team)}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => setEditing({ kind: 'team', record: team })}
                  >
                    Edit<span class="visually-hidden"> team {team.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details class="panel">
        <summary>Create a team</summary>
        <LimitsForm
          key={`create-team-${formGeneration}`}
          idPrefix="new-team"
          kind="team"
          editing={false}
          initial={limitsValuesOf(undefined)}
          teams={[]}
          submitLabel="Create team"
          busy={busy}
          onSubmit={(values) =>
            act(async () => {
              await api('/ui/api/admin/teams', {
                method: 'POST',
                body: limitsBody(values, { kind: 'team', editing: false }),
              });
              setFormGeneration((value) => value + 1);
            }, `Created team ${values.name}.`)
          }
        />
      </details>

      {editing !== undefined && (
        <EditDialog
          editing={editing}
          teams={data?.teams ?? []}
          busy={busy}
          onClose={() => setEditing(undefined)}
          onSave={(body) =>
            act(async () => {
              const path = editing.kind === 'key' ? 'keys' : 'teams';
              await api(`/ui/api/admin/${path}/${encodeURIComponent(editing.record.id)}`, {
                method: 'PATCH',
                body,
              });
              setEditing(undefined);
            }, `Saved ${editing.record.name}.`)
          }
        />
      )}
      {secret !== undefined && (
        <SecretDialog title={secret.title} secret={secret.key} onClose={() => setSecret(undefined)} />
      )}
    </section>
  );
}

function EditDialog(props: {
  readonly editing: Editing;
  readonly teams: readonly Team[];
  readonly busy: boolean;
  readonly onClose: () => void;
  readonly onSave: (body: Record<string, unknown>) => void;
}) {
  const { editing } = props;
  return (
    <dialog
      class="dialog"
      aria-labelledby="edit-title"
      ref={(element) => {
        if (element !== null && !element.open) element.showModal();
      }}
      onClose={props.onClose}
    >
      <h2 id="edit-title">
        Edit {editing.kind} {editing.record.name}
      </h2>
      <LimitsForm
        idPrefix="edit"
        kind={editing.kind}
        editing
        initial={limitsValuesOf(editing.record)}
        teams={props.teams}
        submitLabel="Save"
        busy={props.busy}
        onSubmit={(values) => props.onSave(limitsBody(values, { kind: editing.kind, editing: true }))}
      >
        <button type="button" class="secondary" onClick={props.onClose}>
          Cancel
        </button>
      </LimitsForm>
    </dialog>
  );
}

/** One figure of the overview, with its label. */
export function StatTile(props: { readonly label: string; readonly value: string; readonly hint?: string }) {
  return (
    <div class="tile">
      <dt>{props.label}</dt>
      <dd data-stat={props.label}>{props.value}</dd>
      {props.hint !== undefined && <dd class="hint">{props.hint}</dd>}
    </div>
  );
}

import { formatUsd } from '../format';

/** Budget use as a bar: spent of budget, red from 90%; "no budget" without one. */
export function ProgressBar(props: {
  readonly label: string;
  readonly spent: number;
  readonly budget: number | null;
}) {
  if (props.budget === null || props.budget <= 0) {
    return <span class="muted">no budget</span>;
  }
  const ratio = Math.min(1, props.spent / props.budget);
  const percent = Math.round((props.spent / props.budget) * 100);
  return (
    <div class="budget">
      <div
        class={`bar${ratio >= 0.9 ? ' bar-high' : ''}`}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, percent)}
        aria-valuetext={`${formatUsd(props.spent)} of ${formatUsd(props.budget)} (${percent}%)`}
      >
        <div class="bar-fill" style={{ width: `${ratio * 100}%` }} />
      </div>
      <span class="budget-text">
        {formatUsd(props.spent)} / {formatUsd(props.budget)}
      </span>
    </div>
  );
}

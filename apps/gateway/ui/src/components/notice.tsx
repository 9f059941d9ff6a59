import type { ComponentChildren } from 'preact';

/** A message box: `error` is announced to screen readers at once, `info` politely. */
export function Notice(props: { readonly kind: 'info' | 'error'; readonly children: ComponentChildren }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Shows a new key once, in a modal dialog with a copy button. The key lives only in this
 * component's props: closing the dialog forgets it, and nothing stores it.
 */
export function SecretDialog(props: {
  readonly title: string;
  readonly secret: string;
  readonly onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>('');

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
    field.current?.select();
  }, []);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied('Copied to the clipboard.');
    } catch {
      field.current?.select();
      setCopied('Copying was not allowed: the key is selected, press Ctrl+C.');
    }
  };

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="secret-title" onClose={props.onClose}>
      <h2 id="secret-title">{props.title}</h2>
      <p>This is the only time the key is shown. Store it now; only its prefix is kept.</p>
      <label class="secret">
        Key
        <input
          ref={field}
          type="text"
          readOnly
          value={props.secret}
          data-testid="new-key"
          spellcheck={false}
        />
      </label>
      <div class="actions">
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
          Done
        </button>
      </div>
      <p role="status" class="muted">
        {copied}
      </p>
    </dialog>
  );
}

import { useEffect, useState } from 'react';
import { Plus } from 'lucide-react';
import { api, call } from '../api/client';
import { SecretDialog } from '../components/SecretDialog';
import { SelectInput } from '../nodes/common/controls';

/**
 * A secret field: one of the user's secrets by name (the value never comes to the page), or a new one
 * set on the spot. A name the user has no secret of stays chosen and says how to fix it.
 */
export function SecretPicker(props: {
  id: string; dataField: string; invalid: boolean; describedBy?: string; ariaLabel: string; required?: boolean;
  value: string | undefined; onChange: (name: string | undefined) => void;
}) {
  const [names, setNames] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    call(api.GET('/api/secrets')).then(
      (secrets) => { if (current) setNames(secrets.map((secret) => secret.name!)); },
      (failure: unknown) => { if (current) setError(failure instanceof Error ? failure.message : String(failure)); });
    return () => { current = false; };
  }, [generation]);

  const missing = names !== undefined && props.value !== undefined && props.value !== '' && !names.includes(props.value);
  return (
    <>
      <div className="secret-picker">
        <SelectInput id={props.id} dataField={props.dataField} invalid={props.invalid || missing} describedBy={props.describedBy}
          ariaLabel={props.ariaLabel} value={props.value} emptyLabel={props.required ? undefined : '—'}
          options={(names ?? []).map((name) => ({ value: name, label: name }))} onCommit={props.onChange} />
        <button type="button" className="button" title="Set a new secret and choose it" onClick={() => setAdding(true)}>
          <Plus size={14} /> New
        </button>
      </div>
      {error && <span className="error-text">Your secrets could not be loaded: {error}</span>}
      {missing && (
        <span className="error-text">You have no secret named '{props.value}': set it with <b>New</b>, or choose another.</span>
      )}
      {names !== undefined && names.length === 0 && !missing && (
        <span className="muted small">You have no secrets yet: press <b>New</b> to set one.</span>
      )}
      {adding && (
        <SecretDialog onClose={() => setAdding(false)}
          onSaved={(name) => { setAdding(false); setGeneration((next) => next + 1); props.onChange(name); }} />
      )}
    </>
  );
}

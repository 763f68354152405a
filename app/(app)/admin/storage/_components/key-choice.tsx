'use client';

import { FormField, inputClass } from '@/components/form-field';

export const fieldId = (scope: string, field: string) => `${scope.replace(/[^a-z0-9-]/gi, '-')}-${field}`;

// What to do with the store's encryption key: keep it, generate one, enter one, or remove it.
// A key entered here is write-only, like the secret: the page never gets one back.
export function KeyChoice({
  scope,
  encrypted,
  errors,
  choice,
  onChoose,
}: {
  scope: string;
  encrypted: boolean;
  errors: Record<string, string[]>;
  choice: string;
  onChoose: (choice: string) => void;
}) {
  const id = (field: string) => fieldId(scope, field);
  const options = [
    { value: 'keep', label: encrypted ? 'Keep the current key' : 'No key: the store is not encrypted' },
    { value: 'generate', label: 'Generate a key (shown once, after saving)' },
    { value: 'enter', label: 'Enter a key' },
    ...(encrypted ? [{ value: 'clear', label: 'Remove the key' }] : []),
  ];
  return (
    <fieldset aria-describedby={`${id('key-choice')}-error`}>
      <legend className="text-sm font-medium">Encryption key</legend>
      <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="keyChoice"
              value={o.value}
              defaultChecked={o.value === 'keep'}
              onChange={() => onChoose(o.value)}
              className="h-4 w-4"
            />
            {o.label}
          </label>
        ))}
      </div>
      <div id={`${id('key-choice')}-error`} aria-live="polite" className="text-sm text-red-800">
        {errors.keyChoice?.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
      {choice === 'enter' && (
        <div className="mt-2 max-w-xl">
          <FormField
            id={id('store-key')}
            label="Key"
            hint="32 random bytes as 64 hex characters or base64 (openssl rand -base64 32)."
            errors={errors.storeKey}
          >
            <input
              id={id('store-key')}
              name="storeKey"
              type="password"
              spellCheck={false}
              autoComplete="off"
              className={`${inputClass} font-mono`}
            />
          </FormField>
        </div>
      )}
    </fieldset>
  );
}

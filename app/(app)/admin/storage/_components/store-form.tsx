'use client';

import { useState } from 'react';
import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { saveStoreAction } from '@/lib/actions/stores';
import type { StoreRow } from '@/lib/data/stores';
import { fieldId, KeyChoice } from './key-choice';
import { StoreKey } from './store-key';
import { ConfirmMove } from './confirm-move';

// Sets where a store is. The secret and the key are write-only: the page knows only whether
// they are set, so a blank secret keeps the saved one. Pointing a store that holds copies
// somewhere else asks for a tick first (the server asks again if the tick is missing).
export function StoreForm({ store }: { store: StoreRow }) {
  const [state, action, pending] = useKeptForm(saveStoreAction, initialState as ActionState<{ key: string }>);
  const [url, setUrl] = useState(store.url);
  const [keyChoice, setKeyChoice] = useState('keep');
  // A save changes the saved address: follow it, or the tick would be asked for again.
  const [savedUrl, setSavedUrl] = useState(store.url);
  if (savedUrl !== store.url) {
    setSavedUrl(store.url);
    setUrl(store.url);
  }
  const id = (field: string) => fieldId(store.scope, field);
  const moving = url.trim() !== store.url && store.copies > 0;
  const errors = state.errors ?? {};
  return (
    <form
      {...action}
      onReset={() => (setUrl(store.url), setKeyChoice('keep'))}
      className="mt-4 space-y-4 border-t border-slate-200 pt-4"
      aria-label={`Change ${store.label}`}
      noValidate
    >
      <input type="hidden" name="scope" value={store.scope} />
      <FormField
        id={id('url')}
        label="Address"
        hint="A folder on this host (/srv/lifeboat/backups) or S3: s3://bucket/prefix?endpoint=https://…&region=…&path-style=true"
        errors={errors.url}
      >
        <input
          id={id('url')}
          name="url"
          defaultValue={store.url}
          onChange={(e) => setUrl(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          className={`${inputClass} font-mono`}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id('access-key')} label="Access key ID (S3 only)" errors={errors.accessKeyId}>
          <input
            id={id('access-key')}
            name="accessKeyId"
            defaultValue={store.source === 'setting' ? (store.accessKeyId ?? '') : ''}
            spellCheck={false}
            autoComplete="off"
            className={inputClass}
          />
        </FormField>
        <FormField
          id={id('secret')}
          label="Secret access key (S3 only)"
          hint={
            store.hasCredentials
              ? 'A secret is saved: leave blank to keep it.'
              : 'Stored encrypted and never shown again.'
          }
          errors={errors.secretAccessKey}
        >
          <input
            id={id('secret')}
            name="secretAccessKey"
            type="password"
            spellCheck={false}
            autoComplete="new-password"
            className={inputClass}
          />
        </FormField>
      </div>
      {store.hasCredentials && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="clearCredentials" className="h-4 w-4" />
          Remove the access key and secret
        </label>
      )}
      <KeyChoice
        scope={store.scope}
        encrypted={store.encrypted}
        errors={errors}
        choice={keyChoice}
        onChoose={setKeyChoice}
      />
      {moving && (
        <ConfirmMove id={`${id('confirm')}-error`} errors={errors.confirmMove}>
          I understand that the {store.copies} {store.copiesNoun} already in this store stay in {store.url} and are not
          moved to the new address.
        </ConfirmMove>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} pendingText="Saving…">
          Save
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
      {state.ok && state.data?.key && (
        <StoreKey
          storeKey={state.data.key}
          label={store.label}
          copiesNoun={store.scope === 'images' ? 'images' : 'backups'}
        />
      )}
    </form>
  );
}

import { z } from 'zod';
import { parseRawKey } from '@/lib/crypto/secrets';
import { STORE_KEY_HELP } from '@/lib/config/store-env';
import { parseStoreUrl, StoreUrlError } from '@/lib/config/store-url';
import { CONTROL_MESSAGE, isLabelText } from './text';

// Where a chunk store is, as an admin sets it on the Storage page. The scope names the store
// ("images" or "backups:<region>"; which ones exist is checked against the catalogue by the
// service). Secrets are write-only: a blank secret or "keep" keeps the one saved.

const scope = z.string().regex(/^(images|backups:[A-Za-z0-9._-]{1,64})$/, 'Choose a store.');

// A checkbox sends "on" when ticked and nothing when not.
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

const oneLine = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} can be at most ${max.toLocaleString('en')} characters.`)
    .refine(isLabelText, CONTROL_MESSAGE);

const url = oneLine(1000, 'The address')
  .min(1, 'Enter where the store is: a folder such as /srv/lifeboat/images, or s3://bucket/prefix.')
  .superRefine((value, ctx) => {
    try {
      parseStoreUrl(value);
    } catch (error) {
      if (!(error instanceof StoreUrlError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  });

const STORE_KEY_CHOICES = ['keep', 'generate', 'enter', 'clear'] as const;

export const storeSettingInput = z
  .object({
    scope,
    url,
    accessKeyId: oneLine(200, 'The access key ID').optional(),
    // Pasted, so trimmed; never echoed back in a message.
    secretAccessKey: oneLine(500, 'The secret').optional(),
    clearCredentials: checkbox,
    keyChoice: z.enum(STORE_KEY_CHOICES, { message: 'Choose what to do with the key.' }).default('keep'),
    storeKey: oneLine(200, 'The key').optional(),
    confirmMove: checkbox,
  })
  .superRefine((d, ctx) => {
    if (d.keyChoice === 'enter' && !parseRawKey(d.storeKey ?? ''))
      ctx.addIssue({
        code: 'custom',
        path: ['storeKey'],
        message: d.storeKey ? STORE_KEY_HELP : `Enter the key. ${STORE_KEY_HELP}`,
      });
  });

export const storeResetInput = z.object({ scope, confirmMove: checkbox });

export const storeTestInput = z.object({ scope });

// The Storage page's recovery actions. A deep check reads every chunk back (slow on a big store).
export const storeCheckInput = z.object({ deep: checkbox });

// Sent by the confirmation dialog's button, so a bare request cannot rebuild without it.
export const storeRebuildInput = z.object({
  confirm: z.literal('rebuild', { message: 'Confirm the rebuild in its dialog first.' }),
});

import { z } from 'zod';

// The limits of a provider account, as an admin edits them. The ceiling is entered in GiB.
export const accountLimitsInput = z.object({
  accountId: z.string().min(1),
  imageCeilingGiB: z.coerce.number({ message: 'Enter a number of GiB.' }).min(0.1, 'The ceiling must be at least 0.1 GiB.').max(10_000, 'The ceiling can be at most 10,000 GiB.'),
  imageLimit: z.coerce.number({ message: 'Enter a whole number.' }).int('Enter a whole number.').min(0, 'The limit cannot be negative.').max(10_000, 'The limit can be at most 10,000.'),
  imagePricePerGbMonth: z.coerce.number({ message: 'Enter a price.' }).min(0, 'The price cannot be negative.').max(100, 'The price can be at most $100.'),
});

// A Linode account is connected with a personal access token, checked with a read call on save;
// its instances, capture and backups arrive with the rest of the Linode provider (issue 6).
export const ACCOUNT_KINDS = ['local', 'linode'] as const;

// An empty field from a form means "none".
const blankToUndefined = (v: string | undefined) => v || undefined;

// Tokens are trimmed because they are pasted; their value is never echoed back in an error.
const apiToken = z.string().trim().max(1000, 'The token can be at most 1,000 characters.').optional().transform(blankToUndefined);

const apiBaseUrl = z
  .string()
  .trim()
  .optional()
  .transform(blankToUndefined)
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter a URL that starts with https:// or http://.' }).max(300, 'The URL can be at most 300 characters.').optional());

export const createAccountInput = z
  .object({
    name: z.string().trim().min(1, 'Enter a name.').max(60, 'The name can be at most 60 characters.'),
    kind: z.enum(ACCOUNT_KINDS, { message: 'Choose Local or Linode.' }),
    apiToken,
    apiBaseUrl,
  })
  .refine((d) => d.kind !== 'linode' || !!d.apiToken, { path: ['apiToken'], message: 'A Linode account needs a personal access token.' });

// One form sets or clears the token: the button pressed says which.
export const accountTokenInput = z
  .object({ accountId: z.string().min(1), intent: z.enum(['set', 'clear']), apiToken })
  .refine((d) => d.intent === 'clear' || !!d.apiToken, { path: ['apiToken'], message: 'Enter the token, or choose Clear token.' });

export const syncAccountInput = z.object({ accountId: z.string().min(1) });

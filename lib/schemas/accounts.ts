import { z } from 'zod';
import { decimalNumber, isLabelText, CONTROL_MESSAGE, labelText, wholeNumber } from './text';

// The limits of a provider account, as an admin edits them. The ceiling is entered in GiB.
// A limit left out of the request keeps its value; one sent empty is refused (each needs one).
export const accountLimitsInput = z.object({
  accountId: z.string().min(1),
  imageCeilingGiB: decimalNumber({
    min: 0.1,
    max: 10_000,
    message: 'Enter a number of GiB, like 6 or 0.5.',
    minMessage: 'The ceiling must be at least 0.1 GiB.',
    maxMessage: 'The ceiling can be at most 10,000 GiB.',
  }).optional(),
  imageLimit: wholeNumber({
    min: 0,
    max: 10_000,
    message: 'Enter a whole number, like 25.',
    minMessage: 'The limit cannot be negative.',
    maxMessage: 'The limit can be at most 10,000.',
  }).optional(),
  imagePricePerGbMonth: decimalNumber({
    min: 0,
    max: 100,
    message: 'Enter a price in dollars, like 0.05.',
    minMessage: 'The price cannot be negative.',
    maxMessage: 'The price can be at most $100.',
  }).optional(),
});

// A Linode account is connected with a personal access token, checked with a read call on save;
// its instances, capture and backups are the Linode provider's (lib/providers/linode).
const ACCOUNT_KINDS = ['local', 'linode'] as const;

// An empty field from a form means "none".
const blankToUndefined = (v: string | undefined) => v || undefined;

// Tokens are trimmed because they are pasted; their value is never echoed back in an error.
const apiToken = z
  .string()
  .trim()
  .max(1000, 'The token can be at most 1,000 characters.')
  .refine(isLabelText, CONTROL_MESSAGE)
  .optional()
  .transform(blankToUndefined);

const apiBaseUrl = z
  .string()
  .trim()
  .refine(isLabelText, CONTROL_MESSAGE)
  .optional()
  .transform(blankToUndefined)
  .pipe(
    z
      .url({ protocol: /^https?$/, message: 'Enter a URL that starts with https:// or http://.' })
      .max(300, 'The URL can be at most 300 characters.')
      .optional(),
  );

export const createAccountInput = z
  .object({
    name: labelText('Enter a name.').min(1, 'Enter a name.').max(60, 'The name can be at most 60 characters.'),
    kind: z.enum(ACCOUNT_KINDS, { message: 'Choose Local or Linode.' }),
    apiToken,
    apiBaseUrl,
  })
  .refine((d) => d.kind !== 'linode' || !!d.apiToken, {
    path: ['apiToken'],
    message: 'A Linode account needs a personal access token.',
  });

// One form sets or clears the token: the button pressed says which.
export const accountTokenInput = z
  .object({ accountId: z.string().min(1), intent: z.enum(['set', 'clear']), apiToken })
  .refine((d) => d.intent === 'clear' || !!d.apiToken, {
    path: ['apiToken'],
    message: 'Enter the token, or choose Clear token.',
  });

export const syncAccountInput = z.object({ accountId: z.string().min(1) });

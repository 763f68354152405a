import { z } from 'zod';
import { descriptorOf, isProviderKind, labelsWhere, PROVIDER_KINDS } from '@/lib/providers/kinds';
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
    // The kinds an account can be are the registered providers'.
    kind: z.enum(PROVIDER_KINDS, { message: `Choose ${labelsWhere(() => true)}.` }),
    apiToken,
    apiBaseUrl,
  })
  // What the chosen kind's provider needs besides (a token, say), on the fields it concerns.
  .superRefine((d, ctx) => {
    if (!isProviderKind(d.kind)) return;
    const checked = descriptorOf(d.kind).credentials.schema.safeParse({
      apiToken: d.apiToken,
      apiBaseUrl: d.apiBaseUrl,
    });
    for (const issue of checked.error?.issues ?? [])
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

// One form sets or clears the token: the button pressed says which.
export const accountTokenInput = z
  .object({ accountId: z.string().min(1), intent: z.enum(['set', 'clear']), apiToken })
  .refine((d) => d.intent === 'clear' || !!d.apiToken, {
    path: ['apiToken'],
    message: 'Enter the token, or choose Clear token.',
  });

export const syncAccountInput = z.object({ accountId: z.string().min(1) });

import { z } from 'zod';
import { TOKEN_EXPIRY_DAYS } from '@/lib/domain/api-tokens';

// The Settings form that makes a personal access token, and revoking one.

const teamIds = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().min(1)).max(100, 'Choose at most 100 teams.'),
);

export const createApiTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the token a name, such as the script or machine that will use it.')
    .max(50, 'A token name can have at most 50 characters.')
    .regex(/^[A-Za-z0-9 ,.\-_']+$/, "Use only letters, digits, spaces and , . - _ '"),
  scope: z.enum(['read', 'write'], { error: 'Choose what the token may do.' }),
  // Empty: every team the user is in (and, for an administrator, the admin console).
  teamIds,
  // Days until it expires, or "never".
  expires: z.string().refine((v) => v === 'never' || TOKEN_EXPIRY_DAYS.some((d) => String(d) === v), {
    message: `Choose when the token expires: ${TOKEN_EXPIRY_DAYS.join(', ')} days or never.`,
  }),
});

export const revokeApiTokenInput = z.object({ tokenId: z.string().min(1) });

import { z } from 'zod';
import { newPasswordSchema } from '@/lib/domain/password-policy';

// Changing one's own password. The service checks the new one again with the user's email and
// name (the form does not send them), and that the current one is right.
export const changePasswordInput = z
  .object({
    current: z.string().min(1, 'Enter your current password.').max(1024),
    next: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((d) => d.next === d.confirm, { path: ['confirm'], message: 'The two new passwords do not match.' });

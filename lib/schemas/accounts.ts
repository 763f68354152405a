import { z } from 'zod';

// The limits of a provider account, as an admin edits them. The ceiling is entered in GiB.
export const accountLimitsInput = z.object({
  accountId: z.string().min(1),
  imageCeilingGiB: z.coerce.number({ message: 'Enter a number of GiB.' }).min(0.1, 'The ceiling must be at least 0.1 GiB.').max(10_000, 'The ceiling can be at most 10,000 GiB.'),
  imageLimit: z.coerce.number({ message: 'Enter a whole number.' }).int('Enter a whole number.').min(0, 'The limit cannot be negative.').max(10_000, 'The limit can be at most 10,000.'),
  imagePricePerGbMonth: z.coerce.number({ message: 'Enter a price.' }).min(0, 'The price cannot be negative.').max(100, 'The price can be at most $100.'),
});

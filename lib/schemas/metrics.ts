import { z } from 'zod';

// The Metrics page's forms: making (or replacing) and removing the scrape token. Neither takes
// a field; the button is the whole request.
export const metricsTokenInput = z.object({});

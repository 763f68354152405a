import { ProviderRefusal } from '../errors';
import { getProfile } from './api';
import { createLinodeClient, LinodeApiError } from './client';
import { linodeDescriptor } from './descriptor';

export const DEFAULT_LINODE_API: string = linodeDescriptor.credentials.defaultBaseUrl;

/**
 * The read call that checks a personal access token before it is saved (GET /profile needs no
 * scope, so any valid token passes). Returns the Linode username; a refusal becomes a message
 * on the form field it concerns: the token, or the base URL when the API cannot be reached.
 */
export async function verifyLinodeToken(
  token: string,
  baseUrl = DEFAULT_LINODE_API,
  fetchImpl?: typeof fetch,
): Promise<string> {
  // One retry at most: an admin is waiting for the form.
  const client = createLinodeClient({ token, baseUrl, fetch: fetchImpl, maxRetries: 1 });
  try {
    return (await getProfile(client)).username;
  } catch (error) {
    if (!(error instanceof LinodeApiError)) throw error;
    if (error.status === 0 || error.status === 404)
      throw new ProviderRefusal({
        message: `No Linode API answered at ${baseUrl}. Check the API base URL.`,
        field: 'apiBaseUrl',
        code: 'unreachable',
        cause: error,
      });
    throw new ProviderRefusal({ message: error.message, field: 'apiToken', code: 'token_refused', cause: error });
  }
}

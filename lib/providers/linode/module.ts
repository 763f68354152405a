import { decryptSecret } from '@/lib/crypto/secrets';
import type { ProviderModule } from '../module';
import { createLinodeClient } from './client';
import { linodeDescriptor } from './descriptor';
import { translateLinodeError } from './errors';
import { linodeProvider } from './provider';
import { DEFAULT_LINODE_API, verifyLinodeToken } from './verify';

// A Linode account calls the API with its own token, decrypted only here.
export const linodeModule: ProviderModule = {
  descriptor: linodeDescriptor,
  connect(account, options) {
    if (!account.apiTokenEncrypted)
      throw new Error('This Linode account has no API token. An admin can set one under Admin → Accounts.');
    const client = createLinodeClient({
      token: decryptSecret(account.apiTokenEncrypted),
      baseUrl: account.apiBaseUrl || DEFAULT_LINODE_API,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
    });
    return linodeProvider(client);
  },
  async checkCredentials({ apiToken, apiBaseUrl }, fetchImpl) {
    await verifyLinodeToken(apiToken ?? '', apiBaseUrl ?? DEFAULT_LINODE_API, fetchImpl);
  },
  translateError: translateLinodeError,
};

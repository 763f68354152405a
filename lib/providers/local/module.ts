import type { ProviderModule } from '../module';
import { localDescriptor } from './descriptor';
import { localProvider } from './index';
import { localUploads } from './uploads';

// Files on this host: one provider for every local account, nothing to check, and its errors
// (a full disk, a damaged chunk) are Lifeboat's own, passed on as they are.
export const localModule: ProviderModule = {
  descriptor: localDescriptor,
  connect: () => ({ ...localProvider, uploads: localUploads }),
  async checkCredentials() {},
  translateError: (error) => error,
};

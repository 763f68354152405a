// The providers as the server uses them: connect one for an account (registry.ts), ask what a
// kind can do (kinds.ts, which client components import directly), and the only errors that
// leave a provider (errors.ts).
export { checkCredentials, providerFor } from './registry';
export { descriptorOf, hostAccount, isProviderKind, kindsWhere, labelsWhere, PROVIDER_KINDS, traitsOf } from './kinds';
export type { ProviderKind } from './kinds';
export type { ProviderAccountRef } from './module';
export { ProviderError, ProviderPermanentError, ProviderRefusal, ProviderRetryableError } from './errors';

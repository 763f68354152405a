// The providers as the server uses them: connect one for an account and check credentials
// (registry.ts), and ask what a kind can do or says (kinds.ts, which client components import
// directly). The only errors that leave a provider are in errors.ts.
export { checkCredentials, providerFor } from './registry';
export { descriptorOf, hostAccount, kindsWhere, traitsOf } from './kinds';
export type { ProviderAccountRef } from './module';

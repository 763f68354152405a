import type { ProviderDescriptor, ProviderTraits } from './descriptor';
import { linodeDescriptor } from './linode/descriptor';
import { localDescriptor } from './local/descriptor';

// Every kind of provider Lifeboat knows, by its descriptor. The account kinds, the account form
// and every trait or sentence a page asks for come from this list; it imports nothing from the
// server, so client components may use it. Each descriptor's implementation is bound to its kind
// in registry.ts.

export const PROVIDER_DESCRIPTORS = [localDescriptor, linodeDescriptor] as const;

export type ProviderKind = (typeof PROVIDER_DESCRIPTORS)[number]['kind'];

export const PROVIDER_KINDS = PROVIDER_DESCRIPTORS.map((d) => d.kind) as [ProviderKind, ...ProviderKind[]];

export function isProviderKind(kind: string): kind is ProviderKind {
  return (PROVIDER_KINDS as string[]).includes(kind);
}

/** The descriptor of an account's kind; an unknown kind (a row from a newer version) is an error. */
export function descriptorOf(kind: string): ProviderDescriptor {
  const found = PROVIDER_DESCRIPTORS.find((d) => d.kind === kind);
  if (!found) throw new Error(`Provider "${kind}" is not available`);
  return found;
}

/** What a kind of provider can do, known without a token (pages and rules ask this). */
export function traitsOf(kind: string): ProviderTraits {
  return descriptorOf(kind).traits;
}

/** The kinds of provider whose traits pass the test, for database filters. */
export function kindsWhere(test: (traits: ProviderTraits) => boolean): string[] {
  return PROVIDER_DESCRIPTORS.filter((d) => test(d.traits)).map((d) => d.kind);
}

/** The account a host's own instances go to when no other is recorded, and its kind. */
export function hostAccount(): { name: string; kind: string } {
  const host = PROVIDER_DESCRIPTORS.find((d) => 'hostAccount' in d);
  if (!host || !('hostAccount' in host)) throw new Error('No provider keeps instances on this host');
  return { name: host.hostAccount.name, kind: host.kind };
}

/** The names of the providers whose traits pass the test, for a sentence: "A", "A or B", "A, B or C". */
export function labelsWhere(test: (traits: ProviderTraits) => boolean, conjunction = 'or'): string {
  const labels = PROVIDER_DESCRIPTORS.filter((d) => test(d.traits)).map((d) => d.label);
  return labels.length < 2 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} ${conjunction} ${labels.at(-1)}`;
}

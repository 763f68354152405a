// Module hooks (node:module register): 'next' resolves to the fake beside this file.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'next') return { url: new URL('./next.mjs', import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}

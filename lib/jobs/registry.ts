import type { JobHandler } from './types';

// Handlers by job kind. Kept on globalThis because Next may load this module more than once
// (instrumentation and route bundles); every copy must see the handlers registered at start.
const store = globalThis as unknown as { lifeboatJobHandlers?: Map<string, JobHandler> };

function handlers(): Map<string, JobHandler> {
  store.lifeboatJobHandlers ??= new Map();
  return store.lifeboatJobHandlers;
}

/** Registers (or replaces) the handler of a job kind; safe to call again on reload. */
export function registerJobHandler<I = unknown, R = unknown>(
  kind: string,
  handler: JobHandler<I, R> | JobHandler<I, R>['run'],
): void {
  const full = typeof handler === 'function' ? { run: handler } : handler;
  handlers().set(kind, full as JobHandler);
}

export function jobHandler(kind: string): JobHandler | undefined {
  return handlers().get(kind);
}

/** The kinds this process can run: a worker only claims these. */
export function registeredKinds(): string[] {
  return [...handlers().keys()];
}

export function endHook(handler: JobHandler | undefined) {
  return handler?.onEnd;
}

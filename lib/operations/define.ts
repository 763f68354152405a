import type { z } from 'zod';
import {
  enqueueJob,
  InstanceBusyError,
  PermanentJobError,
  registerJobHandler,
  type DbOrTx,
  type EnqueueOptions,
  type JobContext,
  type JobEndContext,
  type JobOutcome,
  type JobRow,
} from '@/lib/jobs';
import { DomainError } from '@/lib/domain/errors';

// A long operation is one file in this folder: its kind, its input (a zod schema, checked when a
// worker picks the job up, since the row keeps plain JSON), what it runs, what happens when it
// ends for good, and the name the UI gives it. `defineOperation` ties them together so that the
// operation's own start() can only enqueue its own kind with its own input type.

export type OperationSpec<K extends string, S extends z.ZodType, R> = {
  kind: K;
  input: S;
  /**
   * The job's one name (on its panel, the activity page, the audit log); may depend on the input,
   * which for a name is read as far as it goes (a row from before a field existed lacks it).
   */
  label: string | ((input: Partial<z.infer<S>> | null) => string);
  run(ctx: JobContext<z.infer<S>>): Promise<R>;
  /** Whether the job's end goes into the audit log (default yes; routine upkeep says no). */
  audited?: boolean;
  /**
   * Runs once the job failed for good or was cancelled, in whatever process ends it (see
   * JobHandler.onEnd): make it idempotent.
   */
  onEnd?(ctx: JobEndContext<z.infer<S>>, outcome: JobOutcome): Promise<void>;
  /** Wait before retry number `attempt`, when the worker's own doubling is not the right spread. */
  retryDelayMs?(attempt: number): number;
};

/** Where and how to queue one job of an operation: everything but its kind, with a typed input. */
export type JobOptions<I> = Omit<EnqueueOptions, 'kind' | 'input'> & { input: I };

export type Operation<K extends string = string, S extends z.ZodType = z.ZodType> = {
  kind: K;
  input: S;
  audited: boolean;
  labelOf(input: unknown): string;
  /** Makes this process able to run (and end) jobs of this kind. */
  register(): void;
  enqueue(db: DbOrTx, options: JobOptions<z.input<S>>): Promise<JobRow>;
  /** The same, but a job already holding the lock key is enough: returns null then. */
  enqueueOnce(db: DbOrTx, options: JobOptions<z.input<S>>): Promise<JobRow | null>;
};

export function defineOperation<K extends string, S extends z.ZodType, R>(
  spec: OperationSpec<K, S, R>,
): Operation<K, S> {
  const parse = (input: unknown): z.infer<S> => {
    const parsed = spec.input.safeParse(input);
    // Trying again cannot fix a row's input: fail at once, naming what was wrong.
    if (!parsed.success) throw new PermanentJobError(`The job's input is not valid: ${parsed.error.message}`);
    return parsed.data;
  };
  const enqueue = (db: DbOrTx, options: JobOptions<z.input<S>>) => enqueueJob(db, { ...options, kind: spec.kind });
  return {
    kind: spec.kind,
    input: spec.input,
    audited: spec.audited ?? true,
    labelOf(input) {
      if (typeof spec.label === 'string') return spec.label;
      const parsed = spec.input.safeParse(input);
      if (parsed.success) return spec.label(parsed.data);
      return spec.label(input && typeof input === 'object' ? (input as Partial<z.infer<S>>) : null);
    },
    register() {
      const onEnd = spec.onEnd;
      registerJobHandler(spec.kind, {
        run: (ctx) => spec.run({ ...ctx, input: parse(ctx.input) }),
        onEnd: onEnd && ((ctx, outcome) => onEnd({ ...ctx, input: parse(ctx.input) }, outcome)),
        retryDelayMs: spec.retryDelayMs,
      });
    },
    enqueue,
    async enqueueOnce(db, options) {
      try {
        return await enqueue(db, options);
      } catch (error) {
        if (error instanceof InstanceBusyError) return null;
        throw error;
      }
    },
  };
}

/**
 * Starts an operation on an instance; a job already holding the instance becomes the refusal a
 * user reads ("web-1 is busy…"), on `field` of the form that asked.
 */
export async function unlessBusy<T>(label: string, field: string | undefined, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof InstanceBusyError) throw busyRefusal(label, field);
    throw error;
  }
}

export function busyRefusal(label: string, field?: string) {
  return new DomainError(`${label} is busy with another disk operation. Wait for it to finish.`, field, 'busy');
}

import 'server-only';
import { z } from 'zod';
import { initialState, type ActionState } from '@/lib/actions/state';
import { readJob } from '@/lib/data/jobs';
import { ApiError } from './errors';
import { jobView } from './views';

// The shape of one /api/v1 endpoint. The table of them (./routes/) is the contract: the
// dispatcher (./serve.ts) serves it and the OpenAPI document (./openapi.ts) is generated from
// it, with the very zod schemas the server actions parse their input with.

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Tag = 'Instances' | 'Images' | 'Backups' | 'Jobs' | 'Audit' | 'Tokens' | 'Administration';

export type ApiRoute = {
  method: Method;
  /** The OpenAPI path template under /api/v1, e.g. `/images/{imageId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  /** Administrators only: a read answers anyone else 403; an action refuses them itself. */
  admin?: boolean;
  /** Query (GET) or JSON body (others), with the path's parameters merged in under their names. */
  input: z.ZodType;
  status: 200 | 202;
  output: z.ZodType;
  run: (input: never) => Promise<unknown>;
};

export function route<I extends z.ZodType, O extends z.ZodType>(
  r: Omit<ApiRoute, 'input' | 'output' | 'run' | 'status'> & {
    input: I;
    output: O;
    status?: 200 | 202;
    // Checked against `output` when it is sent (serve.ts), so its type is left to that parse.
    run: (input: z.output<I>) => Promise<unknown>;
  },
): ApiRoute {
  return {
    ...r,
    status: r.status ?? 200,
    run: async (input: never) => {
      const out = await r.run(input);
      // A read that finds nothing the caller may see: not found, as the pages say it.
      if (out === null) throw ApiError.of('not_found', 'It was not found, or you do not have access to it.');
      return out;
    },
  };
}

export const noInput = z.object({});
export const message = z.object({ message: z.string().describe('What was done, in words, as the form says it.') });

type Action<T> = (prev: ActionState, input: Record<string, unknown>) => Promise<ActionState<T>>;

/** Runs a server action with the request's input; its refusal becomes the API's error. */
export async function runAction<T>(act: Action<T>, input: Record<string, unknown>): Promise<ActionState<T>> {
  const state = await act(initialState, input);
  if (!state.ok) throw ApiError.of(state.code ?? 'refused', state.message ?? 'The request was refused.', state.errors);
  return state;
}

/** An action that answers with its message. */
export async function actionMessage<T>(act: Action<T>, input: Record<string, unknown>) {
  const state = await runAction(act, input);
  return { message: state.message ?? 'Done.' };
}

/** A long operation's answer (202): the action's message, what it made, and the job to follow. */
export async function started(act: Action<unknown>, input: Record<string, unknown>) {
  const state = await runAction(act, input);
  const { jobId, ...made } = state.data as { jobId: string } & Record<string, unknown>;
  const job = await readJob(jobId);
  return { message: state.message ?? 'Started.', ...made, job: job! };
}

/** The 202 body: the message, the ids of what the operation makes, and its job. */
export function startedOutput<S extends z.ZodRawShape>(made: S) {
  return z.object({ message: z.string(), ...made, job: jobView });
}

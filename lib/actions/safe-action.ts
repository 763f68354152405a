import 'server-only';
import { z } from 'zod';
import { getCaller } from '@/lib/auth/session';
import { clientAddress } from '@/lib/auth/request';
import { MUST_CHANGE_PASSWORD, SESSION_ENDED, type Caller } from '@/lib/auth/permissions';
import { db, type Db } from '@/lib/db/client';
import { unitOfWork } from '@/lib/db/unit-of-work';
import { recordAudit } from '@/lib/db/audit';
import type { AuditResult } from '@/lib/domain/audit';
import { ProviderRefusal } from '@/lib/providers/errors';
import { DomainError } from '@/lib/domain/errors';
import { ILL_FORMED_MESSAGE, illFormedFields } from '@/lib/schemas/text';
import { currentApiCall, tokenRefusal } from '@/lib/auth/api-call';
import { invalid, refused } from './server-state';
import type { ActionState } from './state';

// Every server action is made here, so none can skip the three things each must do: know the
// caller (signed out is refused), parse its input with its zod schema (bad input changes
// nothing), and leave an audit entry of how it ended. The body checks the caller's rights with
// authorize() from lib/auth/permissions.ts and names what it touched with ctx.target().

export type AuditTarget = { type: string; id?: string | null; label?: string; teamId?: string | null };

export type ActionContext = {
  caller: Caller;
  ip: string;
  /** Names the resource (and its team) for the audit entry; call it as soon as it is known. */
  target: (t: Partial<AuditTarget>) => void;
  /** Adds a line of detail to the audit entry (never a secret). */
  detail: (text: string) => void;
  /**
   * When an action spans two teams (an image of one deployed into another, a restore across
   * teams, an instance moved), the other team gets an entry of its own that names only its own
   * side. The main entry (ctx.target) must not name this side either: each team's log reads
   * only about its own resources. The refusal or failure message goes into the main entry only.
   */
  also: (entry: SideEntry) => void;
};

export type SideEntry = { teamId: string; type: string; id?: string | null; label?: string; detail: string };

type Input = FormData | Record<string, unknown>;

/** FormData to a plain object; a field sent more than once becomes an array. */
export function formObject(input: Input): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const all = input.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/** The names of every action, as the audit log and the permission matrix know them. */
export const actionNames = new Map<(...args: never[]) => unknown, string>();

export function action<S extends z.ZodType, T = unknown>(
  name: string,
  schema: S,
  run: (input: z.output<S>, ctx: ActionContext) => Promise<ActionState<T>>,
): (prev: ActionState, input: Input) => Promise<ActionState<T>> {
  const wrapped = async (_prev: ActionState, raw: Input): Promise<ActionState<T>> => {
    const [caller, ip] = await Promise.all([getCaller(), clientAddress()]);
    let target: AuditTarget = { type: name.split('.')[0] };
    // A call through /api/v1 says which token made it (its first characters, never the secret).
    const api = currentApiCall();
    const details: string[] = api ? [`Through API token ${api.tokenPrefix}….`] : [];
    const sides: SideEntry[] = [];
    const audit = async (client: Db, result: AuditResult, message?: string) => {
      // Side entries first, so the caller's own entry is the last one written.
      for (const side of sides) {
        if (side.teamId === target.teamId) continue;
        await recordAudit(client, {
          action: name,
          result,
          actorId: caller?.id ?? null,
          actorEmail: caller?.email ?? '',
          targetType: side.type,
          targetId: side.id ?? null,
          targetLabel: side.label ?? '',
          teamId: side.teamId,
          ip,
          detail: side.detail,
        });
      }
      return recordAudit(client, {
        action: name,
        result,
        actorId: caller?.id ?? null,
        actorEmail: caller?.email ?? '',
        targetType: target.type,
        targetId: target.id ?? null,
        targetLabel: target.label ?? '',
        teamId: target.teamId ?? null,
        ip,
        detail: [...details, message].filter(Boolean).join(' '),
      });
    };
    if (!caller) {
      await audit(db(), 'refused', SESSION_ENDED);
      return { ok: false, message: SESSION_ENDED, code: 'unauthenticated' };
    }
    const byToken = tokenRefusal(name);
    if (byToken) {
      await audit(db(), 'refused', byToken);
      return { ok: false, message: byToken, code: 'forbidden' };
    }
    // A one-time password from an admin must be replaced before the account does anything else.
    if (caller.mustChangePassword && name !== 'user.password-change') {
      await audit(db(), 'refused', MUST_CHANGE_PASSWORD);
      return { ok: false, message: MUST_CHANGE_PASSWORD, code: 'password_change_required' };
    }
    const input = formObject(raw);
    // Ill-formed text (a lone surrogate, NUL) is refused in every field of every action, before its schema.
    const broken = illFormedFields(input);
    if (broken.length)
      return {
        ok: false,
        message: 'Check the highlighted fields.',
        code: 'invalid',
        errors: Object.fromEntries(broken.map((key) => [key, [ILL_FORMED_MESSAGE]])),
      };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const ctx: ActionContext = {
      caller,
      ip,
      target: (t) => void (target = { ...target, ...t }),
      detail: (t) => void details.push(t),
      also: (e) => void sides.push(e),
    };
    // The handler runs as one unit of work (lib/db/unit-of-work.ts): its changes commit in one
    // transaction with their entry, or none of them does and the refusal or failure is written
    // alone. What the handler deferred until after the commit runs then, outside the transaction.
    const unit = unitOfWork(db());
    const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
    let state: ActionState<T>;
    try {
      state = await unit.run(() => run(parsed.data, ctx));
      if (!state.ok) {
        await unit.rollback();
        await audit(db(), 'refused', state.message);
        return state;
      }
      await unit.commit((tx) => audit(tx as unknown as Db, 'success'));
    } catch (error) {
      await unit.rollback();
      await audit(db(), isRefusal(error) ? 'refused' : 'failure', message(error));
      return refused(error);
    }
    try {
      await unit.afterwards();
    } catch (error) {
      // The change is made and recorded; this entry says what should have followed it did not.
      await audit(db(), 'failure', message(error));
      return refused(error);
    }
    return state;
  };
  actionNames.set(wrapped, name);
  return wrapped;
}

/** A refusal (the caller's request was not acceptable), not a failure of ours or the provider's. */
function isRefusal(error: unknown): boolean {
  return error instanceof DomainError || error instanceof ProviderRefusal;
}

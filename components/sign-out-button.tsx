'use client';

import { signOutTo } from './auth-client';

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOutTo('/signin')}
      className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100"
    >
      Sign out
    </button>
  );
}

'use client';

import { LoadError } from '@/components/load-error';

export default function AppError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <LoadError heading="This page could not be loaded" {...props} />;
}

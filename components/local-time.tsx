'use client';

import { useEffect, useState } from 'react';

/** A time in the viewer's own zone, next to the UTC one the server renders (filled in after load). */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    setText(new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso)));
  }, [iso]);
  return <time dateTime={iso}>{text ?? `${iso.slice(0, 16).replace('T', ' ')} UTC`}</time>;
}

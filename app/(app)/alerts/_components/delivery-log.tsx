import { LocalTime } from '@/components/local-time';
import { Table } from '@/components/table';
import type { DestinationView } from '@/lib/data/alerts';

// What each recent delivery got: its status, attempts, the receiver's answer (status code and
// the start of its body) or why it could not be sent.

const STATUS_TEXT: Record<string, string> = {
  queued: 'sending',
  succeeded: 'delivered',
  failed: 'failed',
  skipped: 'not sent',
};

export function DeliveryLog({ destination: d }: { destination: DestinationView }) {
  if (d.deliveries.length === 0) return <p className="mt-3 text-sm text-slate-600">Nothing sent yet.</p>;
  return (
    <Table
      className="mt-3 overflow-x-auto"
      label={`Deliveries to ${d.name}`}
      columns={['When', 'Event', 'Status', 'Attempts', 'Answer']}
    >
      {d.deliveries.map((x) => (
        <tr key={x.id} className="border-b border-slate-100 align-top last:border-0" data-testid="delivery-row">
          <td className="px-3 py-2 whitespace-nowrap">
            <LocalTime iso={x.createdAt} seconds />
          </td>
          <td className="px-3 py-2">{x.event}</td>
          <td className="px-3 py-2">{STATUS_TEXT[x.status] ?? x.status}</td>
          <td className="px-3 py-2">{x.attempts}</td>
          <td className="px-3 py-2">
            {x.responseStatus !== null && <span className="font-mono">{x.responseStatus} </span>}
            {x.responseExcerpt && <code className="break-all text-xs">{x.responseExcerpt.slice(0, 200)}</code>}
            {x.error && <p className="text-red-800">{x.error}</p>}
          </td>
        </tr>
      ))}
    </Table>
  );
}

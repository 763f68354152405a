// A sentence from a provider's copy, where **…** is said with emphasis (the only markup copy has).
export function Emphasised({ text }: { text: string }) {
  return <>{text.split(/\*\*(.+?)\*\*/).map((part, i) => (i % 2 === 1 ? <strong key={i}>{part}</strong> : part))}</>;
}

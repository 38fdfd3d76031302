/** Candor's mark: a speech bubble with a check — what people tell you, respected. Decorative. */
export function CandorMark({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={className}>
      <rect width="32" height="32" rx="8" fill="var(--brand)" />
      <path d="M8 10.5A2.5 2.5 0 0 1 10.5 8h11A2.5 2.5 0 0 1 24 10.5v8a2.5 2.5 0 0 1-2.5 2.5H15l-4.5 3.5V21h0A2.5 2.5 0 0 1 8 18.5z" fill="#fff" />
      <path d="M12.5 14.5l2.5 2.5 4.5-5" fill="none" stroke="var(--brand)" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

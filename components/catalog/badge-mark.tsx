/** A small decorative badge shape in the credential's colour. */
export function BadgeMark({ color, level, size = 48 }: { color: string; level?: number | null; size?: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 48 48" className="shrink-0">
      <path d="M24 2l19 11v22L24 46 5 35V13z" fill={color} />
      <path d="M24 8l14 8v16l-14 8-14-8V16z" fill="none" stroke="#fff" strokeOpacity="0.6" strokeWidth="1.5" />
      {level ? (
        <text x="24" y="30" textAnchor="middle" fontSize="16" fontWeight="700" fill="#fff" fontFamily="system-ui, sans-serif">
          {level}
        </text>
      ) : (
        <path d="M17 24l5 5 9-10" stroke="#fff" strokeWidth="3" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      )}
    </svg>
  );
}

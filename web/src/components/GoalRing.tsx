// "1 of 3": how many new people I have met toward this event's goal, as a ring that fills up.
export function GoalRing({ met, goal, size = 160 }: { met: number; goal: number; size?: number }) {
  const stroke = size / 10;
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  const share = goal > 0 ? Math.min(met / goal, 1) : 1;
  const label = goal > 0 ? `${met} of ${goal}` : `${met} met`;
  return (
    <figure className="goal-ring" data-reached={goal > 0 && met >= goal ? 'true' : 'false'}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`${label} new people met`}>
        <circle className="goal-ring-track" cx={size / 2} cy={size / 2} r={radius} strokeWidth={stroke} fill="none" />
        <circle
          className="goal-ring-fill"
          cx={size / 2}
          cy={size / 2}
          r={radius}
          strokeWidth={stroke}
          fill="none"
          strokeLinecap="round"
          strokeDasharray={`${share * circumference} ${circumference}`}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
        <text x="50%" y="50%" textAnchor="middle" dominantBaseline="central" className="goal-ring-text" fontSize={size / (label.length > 6 ? 6 : 5)}>
          {label}
        </text>
      </svg>
    </figure>
  );
}

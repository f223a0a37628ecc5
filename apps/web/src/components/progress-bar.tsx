export function ProgressBar({ label, fraction, text, tone = 'running' }: { label: string; fraction: number; text: string; tone?: 'running' | 'done' | 'failed' }) {
  const percent = Math.round(fraction * 100);
  return (
    <div className="progress">
      <div
        className={`progress-track progress-${tone}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-text" aria-live="polite">
        {text}
      </p>
    </div>
  );
}

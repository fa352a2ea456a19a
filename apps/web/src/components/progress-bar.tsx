import { progressPercent } from "../lib/format.ts";

/** Accessible progress bar: aria-valuenow is the whole percent of steps done. */
export function ProgressBar({ stepsDone, stepsTotal, label = "Training progress" }: { stepsDone: number; stepsTotal: number; label?: string }) {
  const percent = progressPercent(stepsDone, stepsTotal);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

import { formatInt, formatNumber, formatPercent } from "../../lib/format.ts";
import { coverageVerdict, type PredictorReportRow } from "../../lib/predictor-report.ts";

/** Every forecaster × lead time: N, MAPE, 80 % interval coverage (with a verdict), Spearman ρ, Brier. */
export function CoverageTable({ rows, colors }: { rows: readonly PredictorReportRow[]; colors: Map<string, string> }) {
  return (
    <div className="table-card">
      <table className="runs-table" data-testid="predictor-table">
        <thead>
          <tr>
            <th scope="col">Forecaster</th>
            <th scope="col">Made at</th>
            <th scope="col" className="num" title="Held-out runs forecast (grokked / all)">N</th>
            <th scope="col" className="num" title="Mean absolute percentage error of T_grok">MAPE</th>
            <th scope="col" className="num" title="Share of grokked runs whose T_grok fell in the 80 % interval">Coverage 80 %</th>
            <th scope="col">Calibration</th>
            <th scope="col" className="num" title="Rank correlation of predicted and actual T_grok">Spearman ρ</th>
            <th scope="col" className="num" title="Brier score of the grok-within-budget probability (0 is perfect)">Brier</th>
            <th scope="col" className="num" title="Median steps between forecast and T_grok">Median lead</th>
            <th scope="col" className="num" title="Forecasts made after test accuracy had started rising">Nowcasts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.forecaster}-${r.leadFraction}`} data-forecaster={r.forecaster} data-lead={r.leadFraction}>
              <td>
                <span className="swatch" style={{ background: colors.get(r.forecaster), display: "inline-block", width: 10, height: 10, marginRight: 6 }} />
                {r.forecaster}
              </td>
              <td>{r.lead}</td>
              <td className="num">{`${r.grokked} / ${r.n}`}</td>
              <td className="num">{formatPercent(r.mape)}</td>
              <td className="num">{formatPercent(r.coverage, 0)}</td>
              <td>{coverageVerdict(r.coverage, r.grokked)}</td>
              <td className="num">{formatNumber(r.spearman, 2)}</td>
              <td className="num">{formatNumber(r.brier, 2)}</td>
              <td className="num">{formatInt(r.medianLead)}</td>
              <td className="num">{r.nowcasts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

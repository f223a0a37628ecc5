import { formatNcm, type Classification } from '@nexa/client';
import { useI18n } from '../i18n/i18n';
import { formatPercent, ncmHierarchy } from '../lib/format';
import { ReviewPanel } from './review-panel';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTRPC } from '../lib/nexa';

/** A classification, and its review: after approve / reject / override the card shows the classification as it now is. */
export function ResultCard({ classification: initial, onReviewed: notify }: { classification: Classification; onReviewed?: (next: Classification) => void }) {
  const { t, locale } = useI18n();
  const [classification, setClassification] = useState(initial);
  // A review removes the button that had focus: focus goes to the new status, which is also announced.
  const statusBadge = useRef<HTMLSpanElement>(null);
  const onReviewed = (next: Classification) => {
    setClassification(next);
    notify?.(next);
    requestAnimationFrame(() => statusBadge.current?.focus());
  };
  const trpc = useTRPC();
  // The published descriptions of the code and its ancestors; without an imported NCM table the path shows codes only.
  const entry = useQuery({ ...trpc.ncm.get.queryOptions({ code: classification.ncm }), retry: false, staleTime: Infinity });
  const confidenceTone = classification.confidence >= 0.7 ? 'high' : classification.confidence >= 0.4 ? 'medium' : 'low';
  return (
    <section className="card result-card" aria-labelledby="result-title" data-testid="result-card">
      <header className="result-header">
        <div>
          <h2 id="result-title" className="eyebrow">
            {t.result.title} · {classification.partnumber}
          </h2>
          <p className="ncm-code" aria-label={t.result.ncm}>
            {formatNcm(classification.ncm)}
          </p>
        </div>
        <span ref={statusBadge} tabIndex={-1} role="status" className={`badge badge-${classification.status.toLowerCase()}`} data-testid="classification-status">
          {t.result.status[classification.status]}
        </span>
      </header>

      <nav aria-label={t.result.hierarchy} className="hierarchy">
        <ol>
          {ncmHierarchy(classification.ncm, entry.data).map(({ level, code, description }) => (
            <li key={code}>
              <span className="hierarchy-level">{t.result.hierarchyLevels[level]}</span> <span className="mono">{code}</span>
              {description && <span className="hierarchy-description"> {description}</span>}
            </li>
          ))}
        </ol>
      </nav>

      <dl className="facts">
        <div className="fact fact-wide">
          <dt>{t.result.description}</dt>
          <dd>{classification.description}</dd>
        </div>
        <div className="fact">
          <dt>{t.result.manufacturer}</dt>
          <dd>{classification.manufacturer ?? <span className="muted">{t.result.unknown}</span>}</dd>
        </div>
        <div className="fact">
          <dt>{t.result.country}</dt>
          <dd>{classification.country ?? <span className="muted">{t.result.unknown}</span>}</dd>
        </div>
        <div className="fact">
          <dt>{t.result.confidence}</dt>
          <dd>
            <span className={`confidence confidence-${confidenceTone}`}>
              <span className="confidence-bar" aria-hidden="true">
                <span style={{ width: `${Math.round(classification.confidence * 100)}%` }} />
              </span>
              {formatPercent(classification.confidence, locale)}
            </span>
          </dd>
        </div>
        <div className="fact">
          <dt>{t.result.engine}</dt>
          <dd className="mono">{classification.engine}</dd>
        </div>
        {classification.justification && (
          <div className="fact fact-wide">
            <dt>{t.result.justification}</dt>
            <dd>{classification.justification}</dd>
          </div>
        )}
      </dl>

      <ReviewPanel classification={classification} onReviewed={onReviewed} />

      {classification.alternatives.length > 0 && (
        <div className="alternatives">
          <h3>{t.result.alternatives}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.result.ncm}</th>
                <th scope="col">{t.result.alternativeDescription}</th>
                <th scope="col" className="numeric">
                  {t.result.score}
                </th>
              </tr>
            </thead>
            <tbody>
              {classification.alternatives.map((alternative) => (
                <tr key={alternative.ncm}>
                  <td className="mono nowrap">{formatNcm(alternative.ncm)}</td>
                  <td>{alternative.description}</td>
                  <td className="numeric">{formatPercent(alternative.score, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

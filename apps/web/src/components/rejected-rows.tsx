import { useI18n } from '../i18n/i18n';
import { translateServerText } from '../i18n/server-texts';
import type { RejectedRow } from '../lib/uploads';

export function RejectedRows({ rows }: { rows: RejectedRow[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  return (
    <section className="card" aria-labelledby="rejected-title" data-testid="rejected-rows">
      <h2 id="rejected-title" className="section-title">
        {t.batch.rejectedTitle(rows.length)}
      </h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                {t.batch.row}
              </th>
              <th scope="col">{t.batch.column}</th>
              <th scope="col">{t.batch.reason}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((rejected) => (
              <tr key={`${rejected.row}-${rejected.column}`}>
                <td className="numeric">{rejected.row}</td>
                <td>{t.server.fields[rejected.column] ?? rejected.column}</td>
                <td>{translateServerText(rejected.reason, t.server)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

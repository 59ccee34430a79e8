// Import contacts: choose a vCard or CSV file, see it upload with a progress bar, then the report (imported,
// merged into whom, skipped and why, with line numbers). A CSV Kith does not recognise gets a column mapping to
// confirm first (from a dry run, which keeps nothing).
import { Fragment, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ApiError, currentCsrfToken, errorFromAnswer, messageOf, NetworkError } from '../../api/client';
import { keys } from '../../api/queries';
import { PageTitle } from '../../components/Page';
import type { ImportReport } from '../../api/types';

const FIELDS: [string, string][] = [
  ['ignore', 'Ignore'],
  ['fullName', 'Full name'],
  ['givenName', 'First name'],
  ['middleName', 'Middle name'],
  ['familyName', 'Last name'],
  ['prefix', 'Name prefix'],
  ['suffix', 'Name suffix'],
  ['company', 'Company'],
  ['department', 'Department'],
  ['title', 'Job title'],
  ['email', 'E-mail'],
  ['phone', 'Phone'],
  ['url', 'Website'],
  ['address', 'Address'],
  ['birthday', 'Birthday'],
  ['notes', 'Notes'],
  ['categories', 'Tags (become interests)'],
  ['uid', 'Unique id'],
];

/** Sends the file; `onProgress` gets the share of it the server has taken (it reads as it imports). */
function upload(file: File, params: URLSearchParams, onProgress: (share: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports?${params}`);
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new NetworkError());
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below from the status
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as ImportReport);
      else reject(errorFromAnswer(xhr.status, json));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function Report({ report }: { report: ImportReport }) {
  const what = report.dryRun ? 'Would import' : 'Imported';
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{report.dryRun ? 'What the import would do' : 'Done'}</h2>
      <p role="status">
        {what} <strong>{report.imported}</strong> new {report.imported === 1 ? 'person' : 'people'}, merged <strong>{report.merged}</strong> into people you had, skipped <strong>{report.skipped}</strong> — {report.total} {report.total === 1 ? 'record' : 'records'} in all ({report.format === 'vcard' ? 'vCard' : `CSV, ${report.csv?.kind}`}, {report.encoding}).
      </p>
      {report.records.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Who</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {report.records.map((r) => (
              <tr key={`${r.line}-${r.outcome}-${r.personId ?? ''}`}>
                <td>{r.line}</td>
                <td>{r.personId && !report.dryRun ? <Link href={`/people/${r.personId}`}>{r.name}</Link> : (r.name ?? '—')}</td>
                <td>
                  {r.outcome === 'imported' && 'imported'}
                  {r.outcome === 'merged' && `merged (same ${r.matchedBy === 'uid' ? 'card id' : r.matchedBy === 'email' ? 'e-mail' : 'phone'})`}
                  {r.outcome === 'skipped' && 'skipped'}
                  {r.reason && `: ${r.reason}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!report.complete && report.id && (
        <p>
          The first {report.records.length} records are shown; the whole report is at <a href={`/api/v1/imports/${report.id}?limit=5000`}>/api/v1/imports/{report.id}</a>.
        </p>
      )}
    </section>
  );
}

export default function ImportScreen() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);

  const run = async (dryRun: boolean): Promise<void> => {
    if (!file) return;
    setError(null);
    setReport(null);
    setProgress(0);
    const params = new URLSearchParams({ fileName: file.name });
    if (dryRun) params.set('dryRun', 'true');
    if (mapping) params.set('mapping', JSON.stringify(mapping));
    try {
      const answer = await upload(file, params, setProgress);
      if (answer.needsMapping && answer.csv) setMapping(answer.csv.proposedMapping);
      else setReport(answer);
      if (!answer.dryRun) {
        setMapping(null);
        void queryClient.invalidateQueries({ queryKey: keys.people });
      }
    } catch (e) {
      // A CSV Kith does not recognise: a dry run (which keeps nothing) brings its columns and a proposed mapping.
      if (e instanceof ApiError && e.code === 'KITH_IMPORT_NEEDS_MAPPING' && !dryRun) {
        setProgress(null);
        return run(true);
      }
      setError(messageOf(e));
    } finally {
      setProgress(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };

  return (
    <>
      <PageTitle title="Import contacts" />
      <p>
        Bring in contacts from your phone, Google, Outlook or LinkedIn: a vCard file (<code>.vcf</code>) or a CSV. People you already have are matched by card id, e-mail or phone and completed, never duplicated; importing the same file twice adds nothing. All of a file is imported, or none of it.
      </p>
      <form onSubmit={submit}>
        <label>
          Contacts file
          <input
            type="file"
            accept=".vcf,.vcard,.csv,.txt,text/vcard,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMapping(null);
              setReport(null);
              setError(null);
            }}
          />
        </label>
        {mapping && (
          <fieldset>
            <legend>Kith does not recognise these columns: say what each one holds</legend>
            {Object.keys(mapping).map((column, i) => (
              <Fragment key={column}>
                <label htmlFor={`column-${i}`}>{column}</label>
                <select id={`column-${i}`} value={mapping[column]?.split(':')[0] ?? 'ignore'} onChange={(e) => setMapping({ ...mapping, [column]: e.target.value })}>
                  {FIELDS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                  {mapping[column]?.startsWith('labelOf:') && <option value={mapping[column]}>Label of another column</option>}
                </select>
              </Fragment>
            ))}
          </fieldset>
        )}
        {progress !== null && (
          <label>
            {progress < 1 ? 'Uploading and importing…' : 'Importing…'}
            <progress value={progress < 1 ? progress : undefined} max={1} aria-label="Import progress" />
          </label>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="grid">
          <button type="button" className="secondary" disabled={!file || progress !== null} onClick={() => void run(true)}>
            Check first (keeps nothing)
          </button>
          <button type="submit" disabled={!file || progress !== null}>
            Import
          </button>
        </div>
      </form>
      {report && <Report report={report} />}
      <p>
        <Link href="/settings">Back to Settings</Link> · <Link href="/duplicates">Review possible duplicates</Link>
      </p>
    </>
  );
}

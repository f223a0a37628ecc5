import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from './openapi';

/**
 * A small self-contained page that renders `/api/openapi.json` (no CDN: servers may have no internet):
 * each operation with its parameters, request body and answers, schemas shown as JSON. Its script and
 * style are files of their own, so the page's policy needs no inline code.
 */
const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Nexa REST API</title>
<link rel="stylesheet" href="/api/docs.css">
<script src="/api/docs.js" defer></script>
</head><body>
<h1>Nexa REST API</h1><p id="intro">Loading <a href="/api/openapi.json">/api/openapi.json</a>…</p><main id="ops"></main>
</body></html>`;

const DOCS_STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:1.5rem;color:#1b1f24}
h1{margin:0 0 .25rem}code,pre{font:13px ui-monospace,monospace}pre{background:#f5f7f9;padding:.75rem;overflow:auto;border-radius:6px}
details{border:1px solid #d8dee4;border-radius:6px;margin:.5rem 0;padding:.25rem .75rem}summary{cursor:pointer;padding:.35rem 0}
.m{display:inline-block;min-width:4.8em;font-weight:700;text-transform:uppercase}.get{color:#0a6d3c}.post{color:#0550ae}.delete{color:#a40e26}
`;

const DOCS_SCRIPT = `const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const pre = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('/api/openapi.json').then((r) => r.json()).then((doc) => {
  const schemas = doc.components.schemas;
  const resolve = (s) => (s && s.$ref ? { [s.$ref.split('/').pop()]: schemas[s.$ref.split('/').pop()] } : s);
  document.getElementById('intro').innerHTML = esc(doc.info.description) + ' — <a href="/api/openapi.json">OpenAPI document</a>';
  let html = '';
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    html += '<details><summary><span class="m ' + method + '">' + method + '</span> <code>' + esc(path) + '</code> — ' + esc(op.summary) + '</summary>';
    if (op.description) html += '<p>' + esc(op.description) + '</p>';
    if (op.parameters) html += '<h4>Parameters</h4>' + pre(op.parameters);
    if (op.requestBody) for (const [type, c] of Object.entries(op.requestBody.content)) html += '<h4>Body (' + esc(type) + ')</h4>' + pre(resolve(c.schema));
    html += '<h4>Answers</h4>';
    for (const [status, r] of Object.entries(op.responses)) {
      html += '<p><b>' + status + '</b> ' + esc(r.description) + '</p>';
      for (const c of Object.values(r.content || {})) if (status < 400) html += pre(resolve(c.schema));
    }
    html += '</details>';
  }
  document.getElementById('ops').innerHTML = html;
});
`;

/** The page's own files and the document, nothing else; the rest of the API answers with `default-src 'none'`. */
const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `GET /api/openapi.json` and the page `GET /api/docs` (with `/api/docs.js` and `/api/docs.css`). */
export function serveApiDocs(app: FastifyInstance) {
  const document = buildOpenApiDocument();
  app.get('/api/openapi.json', async () => document);
  app.get('/api/docs', async (_request, reply) =>
    reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY).type('text/html; charset=utf-8').send(DOCS_PAGE),
  );
  app.get('/api/docs.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(DOCS_SCRIPT));
  app.get('/api/docs.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(DOCS_STYLE));
}

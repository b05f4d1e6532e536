/**
 * The page's only script (a few KB, sent with a nonce): read the chosen JSON file (or have the service read
 * a workbook or CSV file, POST /v1/imports), POST it to
 * /v1/evaluations asking for HTML or XLSX, show the scorecard in a sandboxed frame, offer the downloads.
 * Plain ES2020 in a string: no build step, no framework. Words come from the page (`data-*` attributes),
 * so the script itself has no language.
 */
export const CLIENT_JS = String.raw`(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const form = $('f'), file = $('data'), preset = $('preset'), period = $('period'), status = $('status');
  const frame = $('scorecard'), downloads = $('downloads'), lang = document.documentElement.lang;
  const say = (key) => status.dataset[key] || key;
  let lastHtml = null;

  function showPreset() {
    for (const el of document.querySelectorAll('[data-preset]')) el.hidden = el.dataset.preset !== preset.value;
  }
  preset.addEventListener('change', showPreset);
  showPreset();

  // A workbook or CSV file is read by the service (POST /v1/imports) into a dataset; JSON is read here.
  async function readDataset(f) {
    if (/\.(xlsx|csv)$/i.test(f.name)) {
      const form = new FormData();
      form.append('file', f, f.name);
      const res = await fetch('/v1/imports', { method: 'POST', body: form });
      if (!res.ok) throw new Error(await problemText(res));
      return (await res.json()).dataset;
    }
    const text = await f.text();
    try { return JSON.parse(text); } catch { throw new Error(say('badJson')); }
  }

  // A problem document as a line an official reads: its title and its first problems, with their cells.
  async function problemText(res) {
    let msg = res.status + ' ' + res.statusText;
    try {
      const p = await res.json();
      const items = (p.problems || []).slice(0, 5).map((x) => (x.message && x.message[lang]) || x.message || '').filter(Boolean);
      msg = [p.title || msg].concat(items).join(' — ');
    } catch {}
    return msg;
  }

  async function request(accept) {
    const f = file.files && file.files[0];
    if (!f) throw new Error(say('noFile'));
    const dataset = await readDataset(f);
    const body = { dataset, preset: preset.value };
    if (period.value.trim() !== '') body.period = period.value.trim();
    else if (!(dataset && dataset.window)) throw new Error(say('noPeriod'));
    else body.period = dataset.window.from + '..' + dataset.window.to;
    const res = await fetch('/v1/evaluations?lang=' + lang, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(await problemText(res));
    return res;
  }

  function save(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  async function run(what) {
    status.textContent = say('working');
    status.className = '';
    try {
      if (what === 'xlsx') {
        const res = await request('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        save(await res.blob(), 'bang-diem.xlsx');
      } else if (what === 'html' && lastHtml !== null) {
        save(new Blob([lastHtml], { type: 'text/html' }), 'bang-diem.html');
      } else {
        const res = await request('text/html');
        lastHtml = await res.text();
        frame.srcdoc = lastHtml;
        frame.hidden = false;
        downloads.hidden = false;
        if (what === 'html') save(new Blob([lastHtml], { type: 'text/html' }), 'bang-diem.html');
      }
      status.textContent = say('done');
    } catch (e) {
      status.textContent = e && e.message ? e.message : String(e);
      status.className = 'error';
    }
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); run('view'); });
  file.addEventListener('change', () => { lastHtml = null; });
  preset.addEventListener('change', () => { lastHtml = null; });
  period.addEventListener('change', () => { lastHtml = null; });
  $('get-html').addEventListener('click', () => run('html'));
  $('get-xlsx').addEventListener('click', () => run('xlsx'));
})();
`;

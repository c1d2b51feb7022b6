/// The rule workbench's style sheet, served at `/workbench.css`: system fonts only (no web
/// fonts), one column on a phone, wider tables scroll inside their box.
enum WorkbenchStyle {
    static let css = #"""
:root {
  --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa;
  --accent: #0b5cad; --accent-ink: #ffffff; --mark: #fff1a8; --mark-line: #b08800;
  --bad: #a40e26; --good: #116329;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--bg); line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; }
h1 { font-size: 1.35rem; margin: 0; }
h1 span { color: var(--muted); font-weight: 400; }
h2 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
.top { display: flex; flex-wrap: wrap; gap: .6rem 2rem; align-items: flex-start; justify-content: space-between;
  padding: 1rem 0 .6rem; border-bottom: 1px solid var(--line); }
.token { display: flex; flex-wrap: wrap; gap: .3rem .5rem; align-items: center; max-width: 30rem; }
.token label { font-weight: 600; }
.token input { flex: 1 1 10rem; min-width: 8rem; }
.help { color: var(--muted); font-size: .85rem; margin: .25rem 0; flex-basis: 100%; }
.tabs { display: flex; flex-wrap: wrap; gap: .25rem; margin: .8rem 0 0; border-bottom: 1px solid var(--line); }
.tabs button { border: 1px solid transparent; border-bottom: none; border-radius: .4rem .4rem 0 0;
  background: none; padding: .5rem .9rem; font: inherit; color: var(--muted); cursor: pointer; white-space: nowrap; }
.tabs button[aria-selected="true"] { border-color: var(--line); background: var(--bg); color: var(--ink);
  font-weight: 600; margin-bottom: -1px; }
.status { min-height: 1.4em; margin: .5rem 0; color: var(--muted); }
.status.error { color: var(--bad); font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: .8rem 2rem; align-items: flex-end; margin: .6rem 0; }
fieldset { border: 1px solid var(--line); border-radius: .4rem; padding: .3rem .8rem .5rem; margin: 0; }
legend { font-weight: 600; padding: 0 .3rem; }
fieldset label { margin-right: 1rem; white-space: nowrap; }
.field-choice label, label.block { display: block; font-weight: 600; margin: .6rem 0 .25rem; }
textarea, input[type="search"], input[type="password"], select {
  font: inherit; color: inherit; border: 1px solid var(--line); border-radius: .35rem; padding: .45rem .55rem;
  background: var(--bg); max-width: 100%; }
textarea { width: 100%; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92rem; resize: vertical; }
input[type="search"] { width: 100%; }
select { min-width: 12rem; }
button { font: inherit; border: 1px solid var(--line); border-radius: .35rem; background: var(--panel);
  padding: .45rem .9rem; cursor: pointer; color: var(--ink); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); font-weight: 600; }
button:focus-visible, textarea:focus-visible, input:focus-visible, select:focus-visible, pre:focus-visible,
.tabs button:focus-visible { outline: 3px solid #f0a500; outline-offset: 1px; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .6rem 0; }
.actions .help { flex-basis: auto; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: .35rem; padding: .6rem .7rem; min-height: 2.6rem;
  white-space: pre-wrap; overflow-wrap: anywhere; margin: 0;
  font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92rem; }
mark { background: var(--mark); border-bottom: 2px solid var(--mark-line); padding: 0 .1rem; border-radius: .15rem; color: inherit; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: .35rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .55rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--panel); font-weight: 600; white-space: nowrap; }
tbody tr:last-child td { border-bottom: none; }
td code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85rem; overflow-wrap: anywhere; }
td.empty { color: var(--muted); font-style: italic; }
.pass { color: var(--good); font-weight: 600; }
.fail { color: var(--bad); font-weight: 600; }
.errors { color: var(--bad); padding-left: 1.2rem; }
.errors:empty { display: none; }
.examples { margin: 0; padding-left: 1rem; }
.examples li { overflow-wrap: anywhere; }
.desc { color: var(--muted); font-size: .85rem; display: block; }
.decision-matched { color: var(--good); font-weight: 600; }
.decision-declined { color: var(--bad); font-weight: 600; }
.decision-masked { color: var(--good); font-weight: 600; }
tr.group th { background: var(--panel); font-weight: 600; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .85rem; border-top: 2px solid var(--line); }
[hidden] { display: none !important; }
@media (max-width: 40rem) {
  body { padding: 0 .6rem 2rem; }
  .top { padding-top: .6rem; }
  .controls { flex-direction: column; align-items: stretch; }
  select { width: 100%; }
  th, td { padding: .3rem .4rem; }
  table { font-size: .82rem; }
  /* Rules, categories and decisions as cards: one cell a line, with its column's name. */
  #rules thead, #fields thead, #decisions thead { display: none; }
  #rules tr, #fields tr, #decisions tr { display: block; border-bottom: 1px solid var(--line); padding: .3rem 0; }
  #rules td, #fields td, #decisions td, #decisions th { display: block; border: none; padding: .1rem .5rem; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
"""#
}

/// The rule workbench's HTML, served at `/` (see `WorkbenchRoutes`).
///
/// It loads only `/workbench.css` and `/workbench.js` from the same server; the data comes
/// from the API (`/v1/rules`, `/v1/mask`, `/v1/events`, `/v1/mask/batch`, `/v1/explain`,
/// `/v1/rules/test`) with the bearer token the user types, which the script keeps in memory.
enum WorkbenchPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>piimask workbench</title>
<link rel="stylesheet" href="/workbench.css">
<script src="/workbench.js" defer></script>
</head>
<body>
<header class="top">
  <h1>piimask <span>workbench</span></h1>
  <form id="token-form" class="token" autocomplete="off">
    <label for="token">Bearer token</label>
    <input id="token" type="password" autocomplete="off" spellcheck="false"
           aria-describedby="token-help" placeholder="only if the server asks">
    <button id="token-set" type="submit">Use token</button>
    <p id="token-help" class="help">Kept in this page's memory only; never stored, sent only to this server.</p>
  </form>
</header>
<nav class="tabs" role="tablist" aria-label="Views">
  <button role="tab" id="tab-try" aria-controls="view-try" aria-selected="true">Try</button>
  <button role="tab" id="tab-rules" aria-controls="view-rules" aria-selected="false" tabindex="-1">Rules</button>
  <button role="tab" id="tab-draft" aria-controls="view-draft" aria-selected="false" tabindex="-1">Draft a rule</button>
</nav>
<p id="status" class="status" role="status" aria-live="polite"></p>
<main>
<section id="view-try" role="tabpanel" aria-labelledby="tab-try">
  <div class="controls">
    <fieldset class="format">
      <legend>Format</legend>
      <label><input type="radio" name="format" id="format-text" value="text" checked> Text</label>
      <label><input type="radio" name="format" id="format-ndjson" value="ndjson"> NDJSON chat events</label>
    </fieldset>
    <div class="field-choice">
      <label for="field">Field category</label>
      <select id="field"><option value="">(default)</option></select>
    </div>
  </div>
  <label for="input" class="block">Sample</label>
  <textarea id="input" rows="6" spellcheck="false"
            aria-describedby="input-help"
            placeholder="Paste a chat message, or one chat event (JSON) per line"></textarea>
  <p id="input-help" class="help">Nothing is stored: the sample goes to this server for each request and is kept nowhere.
    To ask why a part was or was not masked, select it here and press “Why?”.</p>
  <div class="actions">
    <button id="mask" type="button" class="primary">Mask</button>
    <button id="why" type="button" aria-describedby="why-help">Why?</button>
    <span id="why-help" class="help">explains the selected part of the sample</span>
  </div>
  <h2 id="output-heading">Masked</h2>
  <pre id="output" aria-labelledby="output-heading" tabindex="0"></pre>
  <h2 id="findings-heading">Findings</h2>
  <div class="scroll">
  <table id="findings" aria-labelledby="findings-heading">
    <thead><tr><th scope="col">Type</th><th scope="col">Rule</th><th scope="col">Field</th>
      <th scope="col">Bytes</th><th scope="col">Masked</th></tr></thead>
    <tbody></tbody>
  </table>
  </div>
  <section id="explain" aria-labelledby="explain-heading" hidden>
    <h2 id="explain-heading">Why (and why not)</h2>
    <p id="explain-summary"></p>
    <div class="scroll">
    <table id="decisions" aria-labelledby="explain-heading">
      <thead><tr><th scope="col">Rule</th><th scope="col">Decision</th><th scope="col">Reason</th></tr></thead>
      <tbody></tbody>
    </table>
    </div>
  </section>
</section>
<section id="view-rules" role="tabpanel" aria-labelledby="tab-rules" hidden>
  <label for="rules-search" class="block">Search rules and field categories</label>
  <input id="rules-search" type="search" placeholder="id, type, file, description…" spellcheck="false">
  <h2 id="rules-heading">Rules in effect</h2>
  <div class="scroll">
  <table id="rules" aria-labelledby="rules-heading">
    <thead><tr><th scope="col">Rule</th><th scope="col">Type</th><th scope="col">Priority</th>
      <th scope="col">Defined in</th><th scope="col">Examples</th></tr></thead>
    <tbody></tbody>
  </table>
  </div>
  <h2 id="fields-heading">Field categories</h2>
  <div class="scroll">
  <table id="fields" aria-labelledby="fields-heading">
    <thead><tr><th scope="col">Category</th><th scope="col">Detects</th><th scope="col">Whole value</th>
      <th scope="col">Defined in</th></tr></thead>
    <tbody></tbody>
  </table>
  </div>
</section>
<section id="view-draft" role="tabpanel" aria-labelledby="tab-draft" hidden>
  <label for="draft" class="block">Draft rule file (YAML)</label>
  <textarea id="draft" rows="14" spellcheck="false" aria-describedby="draft-help">version: 1
rules:
  - id: order.number
    type: order
    description: Order numbers of our shop (ORD- and 8 digits)
    priority: 50
    pattern: 'ORD-[0-9]{8}'
    mask: {label: "[ORDER]"}
    examples:
      match: ["order ORD-12345678 shipped"]
      no_match: ["ORD-1234"]
      masked: [["ORD-12345678", "[ORDER]"]]
fields:
  - {id: message.text, detect_add: [order]}
</textarea>
  <p id="draft-help" class="help">Compiled with the same limits as a loaded rule file, on top of the rules in effect;
    its examples run and it is applied to the sample of “Try”. It is never installed.</p>
  <div class="actions"><button id="draft-test" type="button" class="primary">Run examples and apply to sample</button></div>
  <div id="draft-result" aria-live="polite">
    <ul id="draft-errors" class="errors"></ul>
    <h2 id="draft-examples-heading">Examples</h2>
    <div class="scroll">
    <table id="draft-examples" aria-labelledby="draft-examples-heading">
      <thead><tr><th scope="col">Rule</th><th scope="col">Kind</th><th scope="col">Example</th>
        <th scope="col">Result</th></tr></thead>
      <tbody></tbody>
    </table>
    </div>
    <h2 id="draft-output-heading">Sample with the draft</h2>
    <pre id="draft-output" aria-labelledby="draft-output-heading" tabindex="0"></pre>
    <div class="scroll">
    <table id="draft-findings" aria-labelledby="draft-output-heading">
      <thead><tr><th scope="col">Type</th><th scope="col">Rule</th><th scope="col">From</th>
        <th scope="col">Bytes</th><th scope="col">Masked</th></tr></thead>
      <tbody></tbody>
    </table>
    </div>
  </div>
</section>
</main>
</body>
</html>
"""#
}

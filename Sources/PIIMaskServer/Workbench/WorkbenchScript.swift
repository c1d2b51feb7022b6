/// The rule workbench's script, served at `/workbench.js`: plain JavaScript, no library.
///
/// It talks to this server only. The bearer token lives in a variable of this script (never
/// in storage, a cookie or the URL). Output, findings and explanations are built from the
/// server's answers, which hold masked forms and byte offsets, never a raw value: after
/// masking, the sample's values are in the input box only.
enum WorkbenchScript {
    static let js = #"""
"use strict";
(() => {
  let token = "";
  let rules = null;
  const $ = (id) => document.getElementById(id);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  function setStatus(text, isError) {
    const status = $("status");
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    if (text instanceof Node) td.appendChild(text); else td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function code(text) {
    const element = document.createElement("code");
    element.textContent = text;
    return element;
  }

  function emptyRow(tbody, columns, text) {
    const row = document.createElement("tr");
    row.className = "empty-row";
    const td = cell(row, text, "empty");
    td.colSpan = columns;
    tbody.appendChild(row);
  }

  class APIFailure extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }

  // One request to this server (relative URL: the page's own origin), with the token if set.
  async function api(path, options) {
    const headers = {};
    if (token) headers["Authorization"] = "Bearer " + token;
    let body;
    if (options && options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options && options.text !== undefined) {
      headers["Content-Type"] = "application/x-ndjson";
      body = options.text;
    }
    const response = await fetch(path, {
      method: options && options.method ? options.method : (body === undefined ? "GET" : "POST"),
      headers, body, credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer",
    });
    if (!response.ok) {
      let code = "http_" + response.status, message = response.statusText || "request failed";
      try {
        const error = (await response.json()).error;
        code = error.code; message = error.message;
      } catch (_) { /* not a JSON error */ }
      if (response.status === 401) {
        $("token").focus();
        message = token ? "the server refused this token" : "this server needs a bearer token: type it above";
      }
      throw new APIFailure(response.status, code, message);
    }
    return options && options.raw ? response.text() : response.json();
  }

  function report(error) {
    setStatus(error instanceof APIFailure ? error.message + " (" + error.code + ")" : "request failed: " + error.message, true);
  }

  // Bytes of the UTF-8 form of `text` between two byte offsets, as text.
  function sliceBytes(bytes, start, end) { return decoder.decode(bytes.subarray(start, end)); }

  // The masked text built from the sample and its findings (masked forms at their byte
  // ranges), as DOM nodes with each finding marked; null when it is not the server's text.
  function highlighted(input, findings, expected) {
    const bytes = encoder.encode(input);
    const fragment = document.createDocumentFragment();
    let position = 0, rebuilt = "";
    for (const finding of findings) {
      if (finding.start < position || finding.end > bytes.length) return null;
      const before = sliceBytes(bytes, position, finding.start);
      fragment.appendChild(document.createTextNode(before));
      const mark = document.createElement("mark");
      mark.textContent = finding.masked;
      mark.title = finding.type + " (" + finding.rule + ")";
      fragment.appendChild(mark);
      rebuilt += before + finding.masked;
      position = finding.end;
    }
    const rest = sliceBytes(bytes, position, bytes.length);
    fragment.appendChild(document.createTextNode(rest));
    rebuilt += rest;
    return rebuilt === expected ? fragment : null;
  }

  function showText(target, text, findings, input) {
    target.textContent = "";
    const fragment = findings && input !== undefined ? highlighted(input, findings, text) : null;
    if (fragment) target.appendChild(fragment); else target.textContent = text;
  }

  function findingRow(tbody, finding, field, extra) {
    const row = document.createElement("tr");
    cell(row, finding.type);
    cell(row, code(finding.rule || "(none)"));
    cell(row, extra !== undefined ? extra : field);
    cell(row, finding.start + "–" + finding.end, "mono");
    cell(row, code(finding.masked));
    tbody.appendChild(row);
  }

  function format() { return $("format-ndjson").checked ? "ndjson" : "text"; }
  function field() { return $("field").value || undefined; }

  // ----- Try -----
  async function mask() {
    const input = $("input").value;
    const output = $("output");
    const tbody = $("findings").tBodies[0];
    output.textContent = "";
    tbody.textContent = "";
    $("explain").hidden = true;
    setStatus("masking…");
    try {
      if (format() === "text") {
        const result = await api("/v1/mask", { json: { text: input, field: field() } });
        showText(output, result.text, result.findings, input);
        for (const finding of result.findings) findingRow(tbody, finding, field() || rules?.default_field || "(default)");
        if (result.findings.length === 0) emptyRow(tbody, 5, "nothing found");
        setStatus(result.findings.length + (result.findings.length === 1 ? " finding" : " findings"));
      } else {
        await maskEvents(input, output, tbody);
      }
    } catch (error) { report(error); }
  }

  // The category the field map gives a JSON path (first match wins), or the default.
  function categoryOf(path) {
    for (const entry of rules?.field_map || []) {
      const parts = entry.path.split(/(?<!\\)\./).map((part) => part.replace(/\\(.)/g, "$1"));
      if (parts.length === path.length && parts.every((part, index) => part === "*" || part === String(path[index]))) {
        return entry.field;
      }
    }
    return rules?.default_field;
  }

  // Every string value of a JSON value, with its path.
  function strings(value, path, into) {
    if (typeof value === "string") into.push({ path, text: value });
    else if (Array.isArray(value)) value.forEach((item, index) => strings(item, path.concat(index), into));
    else if (value && typeof value === "object") for (const key of Object.keys(value)) strings(value[key], path.concat(key), into);
    return into;
  }

  async function maskEvents(input, output, tbody) {
    const masked = await api("/v1/events", { text: input.endsWith("\n") ? input : input + "\n", raw: true });
    const outLines = masked.replace(/\n$/, "").split("\n");
    const inLines = input.replace(/\n$/, "").split("\n");
    const values = [];
    inLines.forEach((line, index) => {
      try { for (const value of strings(JSON.parse(line), [], [])) values.push({ line: index, ...value }); } catch (_) { /* masked as text */ }
    });
    const items = values.map((value) => ({ text: value.text, field: categoryOf(value.path) }));
    const results = items.length ? (await api("/v1/mask/batch", { json: { items } })).items : [];
    let count = 0;
    outLines.forEach((line, index) => {
      let position = 0;
      const marks = [];
      values.forEach((value, valueIndex) => {
        if (value.line !== index) return;
        for (const finding of results[valueIndex].findings) {
          count += 1;
          findingRow(tbody, finding, null, items[valueIndex].field + " at " + value.path.join("."));
          const escaped = JSON.stringify(finding.masked).slice(1, -1);
          const at = line.indexOf(escaped, position);
          if (at >= 0) { marks.push({ at, length: escaped.length, finding }); position = at + escaped.length; }
        }
      });
      let cursor = 0;
      for (const mark of marks) {
        output.appendChild(document.createTextNode(line.slice(cursor, mark.at)));
        const element = document.createElement("mark");
        element.textContent = line.slice(mark.at, mark.at + mark.length);
        element.title = mark.finding.type + " (" + mark.finding.rule + ")";
        output.appendChild(element);
        cursor = mark.at + mark.length;
      }
      output.appendChild(document.createTextNode(line.slice(cursor) + (index < outLines.length - 1 ? "\n" : "")));
    });
    if (count === 0) emptyRow(tbody, 5, "nothing found");
    setStatus(outLines.length + " events, " + count + (count === 1 ? " finding" : " findings"));
  }

  // ----- Why (and why not) -----
  async function why() {
    const input = $("input");
    const text = input.value;
    let start = input.selectionStart, end = input.selectionEnd;
    if (start === end) {
      setStatus("select the part of the sample to explain first", true);
      input.focus();
      return;
    }
    if (format() !== "text") {
      setStatus("“Why?” explains text samples: switch the format to Text", true);
      return;
    }
    const startByte = encoder.encode(text.slice(0, start)).length;
    const endByte = encoder.encode(text.slice(0, end)).length;
    setStatus("explaining…");
    try {
      const result = await api("/v1/explain", { json: { text, start: startByte, end: endByte, field: field() } });
      showExplanation(result);
      setStatus("explained bytes " + result.start + "–" + result.end);
    } catch (error) { report(error); }
  }

  function showExplanation(result) {
    const section = $("explain");
    section.hidden = false;
    const masked = result.masked;
    $("explain-summary").textContent = (masked.length
      ? "Masked here: " + masked.map((f) => f.type + " by " + f.rule + " (bytes " + f.start + "–" + f.end + ", as " + f.masked + ")").join("; ") + "."
      : "Nothing is masked in bytes " + result.start + "–" + result.end + ".")
      + " Field category " + result.field + "; " + result.candidates.length
      + (result.candidates.length === 1 ? " candidate" : " candidates") + " found there.";
    const tbody = $("decisions").tBodies[0];
    tbody.textContent = "";
    const group = (text) => {
      const row = document.createElement("tr");
      row.className = "group";
      const th = document.createElement("th");
      th.scope = "rowgroup";
      th.colSpan = 3;
      th.textContent = text;
      row.appendChild(th);
      tbody.appendChild(row);
    };
    const decisionRow = (decision, outcome) => {
      const row = document.createElement("tr");
      cell(row, code(decision.rule)).dataset.label = "Rule";
      const verdict = cell(row, outcome.replace("_", " "), "decision-" + outcome);
      verdict.dataset.label = "Decision";
      const reason = cell(row, decision.detail);
      reason.dataset.label = "Reason";
      reason.dataset.reason = decision.reason;
      tbody.appendChild(row);
    };
    for (const candidate of result.candidates) {
      group(candidate.kind + " candidate at bytes " + candidate.start + "–" + candidate.end
        + (candidate.digits ? " (" + candidate.digits + " digits)" : ""));
      for (const decision of candidate.decisions) decisionRow(decision, decision.outcome);
    }
    if (result.not_asked.length) {
      group("Rules not asked here");
      for (const decision of result.not_asked) decisionRow(decision, "not_asked");
    }
    if (!tbody.rows.length) emptyRow(tbody, 3, "no candidate and no rule concern this part");
    section.scrollIntoView({ block: "nearest" });
  }

  // ----- Rules -----
  async function loadRules() {
    try {
      rules = await api("/v1/rules");
    } catch (error) { report(error); return; }
    const select = $("field");
    const chosen = select.value;
    select.textContent = "";
    for (const category of rules.fields) {
      const option = document.createElement("option");
      option.value = category.id;
      option.textContent = category.id + (category.id === rules.default_field ? " (default)" : "");
      select.appendChild(option);
    }
    select.value = rules.fields.some((f) => f.id === chosen) ? chosen : rules.default_field;
    showRules();
    setStatus(rules.rules.length + " rules, " + rules.fields.length + " field categories in effect");
  }

  function exampleList(examples) {
    const list = document.createElement("ul");
    list.className = "examples";
    const add = (label, text) => {
      const item = document.createElement("li");
      item.appendChild(document.createTextNode(label + " "));
      item.appendChild(code(text));
      list.appendChild(item);
    };
    for (const text of examples.match) add("match:", text);
    for (const text of examples.no_match) add("no match:", text);
    for (const pair of examples.masked) add("masked:", pair.input + " → " + pair.output);
    return list;
  }

  function showRules() {
    const tbody = $("rules").tBodies[0];
    tbody.textContent = "";
    for (const rule of rules.rules) {
      const row = document.createElement("tr");
      const name = cell(row, code(rule.id));
      const desc = document.createElement("span");
      desc.className = "desc";
      desc.textContent = rule.description + (rule.enabled ? "" : " (disabled)");
      name.appendChild(desc);
      cell(row, rule.type).dataset.label = "Type";
      cell(row, String(rule.priority)).dataset.label = "Priority";
      cell(row, code(rule.source)).dataset.label = "Defined in";
      cell(row, exampleList(rule.examples)).dataset.label = "Examples";
      tbody.appendChild(row);
    }
    const fields = $("fields").tBodies[0];
    fields.textContent = "";
    for (const category of rules.fields) {
      const row = document.createElement("tr");
      const name = cell(row, code(category.id));
      const desc = document.createElement("span");
      desc.className = "desc";
      desc.textContent = category.description;
      name.appendChild(desc);
      cell(row, category.detect.join(", ")).dataset.label = "Detects";
      cell(row, category.whole_value ? "yes" : "no").dataset.label = "Whole value";
      cell(row, code(category.source)).dataset.label = "Defined in";
      fields.appendChild(row);
    }
    filterRules();
  }

  function filterRules() {
    const query = $("rules-search").value.trim().toLowerCase();
    for (const table of [$("rules"), $("fields")]) {
      for (const row of table.tBodies[0].rows) {
        row.hidden = query !== "" && !row.textContent.toLowerCase().includes(query);
      }
    }
  }

  // ----- Draft a rule -----
  async function testDraft() {
    const errors = $("draft-errors");
    const examples = $("draft-examples").tBodies[0];
    const findings = $("draft-findings").tBodies[0];
    const output = $("draft-output");
    errors.textContent = ""; examples.textContent = ""; findings.textContent = ""; output.textContent = "";
    const sample = format() === "text" ? $("input").value : "";
    setStatus("testing the draft…");
    try {
      const result = await api("/v1/rules/test", { json: { rules: $("draft").value, text: sample, field: field() } });
      for (const error of result.errors) {
        const item = document.createElement("li");
        item.textContent = error.file + (error.line ? ":" + error.line : "") + ": "
          + (error.rule ? error.rule + ": " : "") + error.message;
        errors.appendChild(item);
      }
      for (const example of result.examples) {
        const row = document.createElement("tr");
        cell(row, code(example.rule));
        cell(row, example.kind.replace("_", " "));
        cell(row, code(example.example));
        const outcome = cell(row, example.passed ? "passed" : "failed", example.passed ? "pass" : "fail");
        if (!example.passed && example.got !== undefined) outcome.appendChild(document.createTextNode(": got "))
          , outcome.appendChild(code(example.got));
        examples.appendChild(row);
      }
      if (!result.examples.length) emptyRow(examples, 4, result.valid ? "the draft's rules carry no examples" : "not run: the draft does not load");
      if (result.sample) {
        showText(output, result.sample.text, result.sample.findings, sample);
        for (const finding of result.sample.findings) findingRow(findings, finding, null, finding.draft ? "draft" : "rules in effect");
        if (!result.sample.findings.length) emptyRow(findings, 5, "nothing found in the sample");
      }
      const failed = result.examples.filter((e) => !e.passed).length;
      setStatus(result.valid
        ? "draft loads: " + (result.examples.length - failed) + " of " + result.examples.length + " examples pass; not installed"
        : "the draft does not load: " + result.errors.length + " error(s)", !result.valid || failed > 0);
    } catch (error) { report(error); }
  }

  // ----- Tabs -----
  function selectTab(tab, focus) {
    for (const other of document.querySelectorAll('[role="tab"]')) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(other.getAttribute("aria-controls")).hidden = !selected;
    }
    if (focus) tab.focus();
  }

  function tabKeys(event) {
    const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
    let index = tabs.indexOf(event.target);
    if (event.key === "ArrowRight") index = (index + 1) % tabs.length;
    else if (event.key === "ArrowLeft") index = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === "Home") index = 0;
    else if (event.key === "End") index = tabs.length - 1;
    else return;
    event.preventDefault();
    selectTab(tabs[index], true);
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const tab of document.querySelectorAll('[role="tab"]')) {
      tab.addEventListener("click", () => selectTab(tab, false));
      tab.addEventListener("keydown", tabKeys);
    }
    $("token-form").addEventListener("submit", (event) => {
      event.preventDefault();
      token = $("token").value;
      $("token").value = "";
      $("token").placeholder = token ? "token set (kept in memory)" : "only if the server asks";
      loadRules();
    });
    $("mask").addEventListener("click", mask);
    $("why").addEventListener("click", why);
    $("draft-test").addEventListener("click", testDraft);
    $("rules-search").addEventListener("input", filterRules);
    for (const radio of document.querySelectorAll('input[name="format"]')) {
      radio.addEventListener("change", () => { $("field").disabled = format() === "ndjson"; });
    }
    $("input").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); mask(); }
    });
    loadRules();
  });
})();
"""#
}

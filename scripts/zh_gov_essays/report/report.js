"use strict";
// Renders the documents of the cleaning report from the embedded JSON.
// Text from the corpus is only ever set with textContent, never parsed as HTML.
(function () {
  const errorBox = document.getElementById("report-errors");
  const errors = [];
  function fail(message) {
    errors.push(String(message));
    errorBox.hidden = false;
    errorBox.textContent = "This page hit an error while rendering:\n" + errors.join("\n");
  }
  window.addEventListener("error", (e) => fail(e.message + " (line " + e.lineno + ")"));
  window.addEventListener("unhandledrejection", (e) => fail(e.reason));
  document.addEventListener("securitypolicyviolation", (e) =>
    fail("blocked by the page's security policy: " + e.violatedDirective + " " + (e.blockedURI || ""))
  );

  const D = JSON.parse(document.getElementById("report-data").textContent);
  const R = D.rules;
  const docs = D.docs;
  const state = { source: "", script: "", rule: "", q: "", page: 0 };
  const haystacks = new Map();

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function describe(i) {
    return R[i].name + ": " + R[i].desc;
  }
  function removedAnything(i) {
    return docs.some((d) => d.removed.some((pair) => pair[0] === i));
  }
  function chooseRule(i) {
    setFilter("rule", (removedAnything(i) ? "r:" : "p:") + i);
  }
  function chip(i, label, repair) {
    const b = el("button", "chip r" + i + (repair ? " rep" : ""), label);
    b.type = "button";
    b.title = describe(i) + (repair ? " (repair)" : "") + " — click to list every document it touched";
    b.addEventListener("click", (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      chooseRule(i);
    });
    return b;
  }

  // --- filtering ---------------------------------------------------------------------
  function haystack(d) {
    let h = haystacks.get(d.id);
    if (h === undefined) {
      const parts = [d.title, d.source, d.source_file, d.id, d.date];
      for (const line of d.lines) parts.push(line[0]);
      for (const p of d.paragraphs) parts.push(p[0]);
      for (const u of d.unplaced) parts.push(u[1]);
      h = parts.filter((x) => x).join("\n").toLowerCase();
      haystacks.set(d.id, h);
    }
    return h;
  }
  function matches(d) {
    if (state.source && (d.source || "unknown") !== state.source) return false;
    if (state.script && (d.script || "unknown") !== state.script) return false;
    if (state.rule) {
      const i = Number(state.rule.slice(2));
      if (state.rule[0] === "r" && !d.removed.some((pair) => pair[0] === i)) return false;
      if (state.rule[0] === "p" && d.repairs.indexOf(i) < 0) return false;
    }
    if (state.q && haystack(d).indexOf(state.q) < 0) return false;
    return true;
  }
  function setFilter(key, value) {
    state[key] = value;
    state.page = 0;
    const control = document.getElementById("f-" + key);
    if (control && control.value !== value) control.value = value;
    render();
    if (key === "rule") document.getElementById("documents").scrollIntoView();
  }

  // The filters live in the address (#rule=site_notice&script=Hant&q=…), so a view can be
  // bookmarked or shared; rules are named, not numbered.
  function ruleIndex(name) {
    return R.findIndex((r) => r.name === name);
  }
  function readAddress() {
    const hash = window.location.hash.slice(1);
    if (hash.indexOf("=") < 0) return;
    const params = new URLSearchParams(hash);
    state.source = params.get("source") || "";
    state.script = params.get("script") || "";
    state.q = (params.get("q") || "").trim().toLowerCase();
    state.rule = "";
    const removedBy = ruleIndex(params.get("rule"));
    const repairedBy = ruleIndex(params.get("repair"));
    if (removedBy >= 0) state.rule = "r:" + removedBy;
    else if (repairedBy >= 0) state.rule = "p:" + repairedBy;
    state.page = Math.max(0, (parseInt(params.get("page"), 10) || 1) - 1);
    for (const key of ["source", "script", "rule", "q"]) {
      const control = document.getElementById("f-" + key);
      if (control) control.value = key === "q" ? params.get("q") || "" : state[key];
    }
  }
  function writeAddress() {
    const params = new URLSearchParams();
    if (state.source) params.set("source", state.source);
    if (state.script) params.set("script", state.script);
    if (state.rule) params.set(state.rule[0] === "r" ? "rule" : "repair", R[Number(state.rule.slice(2))].name);
    if (state.q) params.set("q", state.q);
    if (state.page) params.set("page", String(state.page + 1));
    const text = params.toString();
    if (text || window.location.hash.indexOf("=") >= 0) {
      try {
        history.replaceState(null, "", "#" + text);
      } catch (e) {
        // Some browsers refuse to change the address of a file opened from disk: no matter.
      }
    }
  }

  // --- controls ------------------------------------------------------------------------
  function counted(values) {
    const counts = new Map();
    for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }
  function select(key, label, groups) {
    const wrap = el("label", null, label + " ");
    const s = el("select");
    s.id = "f-" + key;
    for (const group of groups) {
      const parent = group.label ? el("optgroup") : s;
      if (group.label) {
        parent.label = group.label;
        s.appendChild(parent);
      }
      for (const [value, text] of group.options) {
        const o = el("option", null, text);
        o.value = value;
        parent.appendChild(o);
      }
    }
    s.addEventListener("change", () => setFilter(key, s.value));
    wrap.appendChild(s);
    return wrap;
  }
  function buildControls() {
    const box = document.getElementById("controls");
    const sources = counted(docs.map((d) => d.source || "unknown"));
    box.appendChild(
      select("source", "Source", [
        { options: [["", "all sources"]].concat(sources.map(([v, n]) => [v, v + " (" + n + ")"])) },
      ])
    );
    const scripts = counted(docs.map((d) => d.script || "unknown"));
    box.appendChild(
      select("script", "Script", [
        { options: [["", "all"]].concat(scripts.map(([v, n]) => [v, v + " (" + n + ")"])) },
      ])
    );
    const removed = new Map();
    const repaired = new Map();
    for (const d of docs) {
      for (const [i] of d.removed) removed.set(i, (removed.get(i) || 0) + 1);
      for (const i of d.repairs) repaired.set(i, (repaired.get(i) || 0) + 1);
    }
    const opts = (map, prefix) =>
      [...map.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([i, n]) => [prefix + i, R[i].name + " (" + n + ")"]);
    box.appendChild(
      select("rule", "Rule", [
        { options: [["", "any"]] },
        { label: "removed something", options: opts(removed, "r:") },
        { label: "repaired a paragraph", options: opts(repaired, "p:") },
      ])
    );
    const search = el("input");
    search.type = "search";
    search.id = "f-q";
    search.placeholder = "search titles, raw lines, paragraphs";
    let timer = 0;
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => setFilter("q", search.value.trim().toLowerCase()), 150);
    });
    const label = el("label", null, "Search ");
    label.appendChild(search);
    box.appendChild(label);
    for (const [text, open] of [["expand all", true], ["collapse all", false]]) {
      const b = el("button", null, text);
      b.type = "button";
      b.addEventListener("click", () => {
        for (const node of document.querySelectorAll("details.doc")) node.open = open;
      });
      box.appendChild(b);
    }
    const reset = el("button", null, "reset filters");
    reset.type = "button";
    reset.addEventListener("click", () => {
      for (const key of ["source", "script", "rule", "q"]) {
        state[key] = "";
        document.getElementById("f-" + key).value = "";
      }
      state.page = 0;
      render();
    });
    box.appendChild(reset);
    const count = el("span", "count");
    count.id = "match-count";
    box.appendChild(count);

    const legend = document.getElementById("legend");
    legend.appendChild(el("span", null, "Rules on this page (hover for what each does): "));
    const seen = [...new Set([...removed.keys(), ...repaired.keys()])].sort((a, b) => a - b);
    for (const i of seen) legend.appendChild(chip(i, R[i].name, !removed.has(i)));
  }

  // --- one document --------------------------------------------------------------------
  function metaList(d) {
    const dl = el("dl", "meta");
    const fields = [
      ["date", d.date],
      ["source", d.source],
      ["script", d.script],
      ["category", d.category.join(" › ")],
      ["tags", d.tags.join("、")],
      ["editor", d.editor],
      ["truncated", d.truncated ? "yes (the page said so)" : ""],
      ["dup_of", d.dup_of],
      ["dup_cluster", d.dup_cluster],
      ["source_file", d.source_file],
      ["encoding", d.encoding],
      ["url", d.url],
    ];
    for (const [name, value] of fields) {
      if (!value) continue;
      dl.appendChild(el("dt", null, name));
      dl.appendChild(el("dd", null, value));
    }
    return dl;
  }
  function markedText(text, marks) {
    const span = el("span", "tx");
    let pos = 0;
    for (const [start, end, i] of marks) {
      if (start < pos) continue;
      span.appendChild(document.createTextNode(text.slice(pos, start)));
      const m = el("mark", "r" + i, text.slice(start, end));
      m.title = "cut by " + describe(i);
      m.dataset.rule = R[i].name;
      span.appendChild(m);
      pos = end;
    }
    span.appendChild(document.createTextNode(text.slice(pos)));
    return span;
  }
  function paraAnchor(d, n) {
    return "p-" + d.id + "-" + n;
  }
  function rawPane(d) {
    const ol = el("ol", "lines");
    const firstLine = new Set();
    for (let n = 0; n < d.lines.length; n++) {
      const [text, rule, marks, paras] = d.lines[n];
      const li = el("li");
      li.appendChild(el("span", "ln", n + 1));
      const side = el("span", "side");
      if (rule >= 0) {
        li.className = "rm r" + rule;
        li.title = "removed by " + describe(rule);
        const tx = el("span", "tx", text);
        tx.dataset.rule = R[rule].name;
        li.appendChild(tx);
        side.textContent = R[rule].name;
      } else if (!text.trim()) {
        li.className = "blank";
        li.appendChild(el("span", "tx"));
      } else {
        li.className = "kept";
        li.appendChild(markedText(text, marks));
        for (const para of paras) {
          const pn = el("a", "pn", "¶" + (para + 1));
          pn.href = "#" + paraAnchor(d, para);
          pn.title = "became kept paragraph " + (para + 1);
          side.appendChild(pn);
          if (!firstLine.has(para)) {
            firstLine.add(para);
            for (const i of d.paragraphs[para][4]) side.appendChild(chip(i, R[i].name, true));
          }
        }
      }
      li.appendChild(side);
      ol.appendChild(li);
    }
    return ol;
  }
  function logList(entries, numbered) {
    const ol = el("ol", "lines");
    entries.forEach(([i, text], n) => {
      const li = el("li", "rm r" + i);
      li.title = "removed by " + describe(i);
      li.appendChild(el("span", "ln", numbered ? n + 1 : ""));
      const tx = el("span", "tx", text);
      tx.dataset.rule = R[i].name;
      li.appendChild(tx);
      li.appendChild(el("span", "side", R[i].name));
      ol.appendChild(li);
    });
    return ol;
  }
  function leftColumn(d) {
    const col = el("div");
    if (d.raw.origin) {
      col.appendChild(el("h4", null, "Raw page, " + d.lines.length + " lines, read from " + d.raw.origin));
      if (d.raw.split) {
        col.appendChild(
          el("div", "notice", "This page arrived as one or a few very long lines; it is shown cut where the " +
            "cleaner cut it (at its headings and page furniture).")
        );
      }
      if (d.notes.length) {
        const note = el("div", "notice", "Decoding also removed: ");
        for (const i of d.notes) note.appendChild(chip(i, R[i].name, false));
        col.appendChild(note);
      }
      const pane = el("div", "pane");
      pane.appendChild(rawPane(d));
      col.appendChild(pane);
      if (d.unplaced.length) {
        const box = el("div", "unplaced");
        box.appendChild(
          el("div", "notice", d.unplaced.length + " logged removal(s) not found verbatim in the raw page " +
            "(text an earlier repair had already changed, or a line the cleaner split):")
        );
        box.appendChild(logList(d.unplaced, false));
        col.appendChild(box);
      }
    } else {
      col.appendChild(el("h4", null, "Rebuilt from the removed log: " + d.unplaced.length + " entries"));
      col.appendChild(
        el("div", "notice", "The raw page is not available (" + d.raw.missing + "), so this view is " +
          "rebuilt from the kept paragraphs and the removed log: removed text is listed in the order " +
          "the cleaner logged it (page order); where it sat among the kept paragraphs is not known. " +
          "Pass --input with the build's input folder to see the raw page.")
      );
      const pane = el("div", "pane");
      pane.appendChild(logList(d.unplaced, true));
      col.appendChild(pane);
    }
    return col;
  }
  function keptColumn(d) {
    const col = el("div");
    col.appendChild(el("h4", null, "Kept paragraphs (" + d.paragraphs.length + ")"));
    const pane = el("div", "pane kept-pane");
    let level = 0;
    d.paragraphs.forEach(([text, kind, hl, section, repairs, dup], n) => {
      let node;
      if (kind === "heading") {
        level = hl || 1;
        node = el("div", "hd l" + level);
      } else {
        node = el("p", "para" + (section ? " in-l" + level : ""));
      }
      node.id = paraAnchor(d, n);
      if (section) node.title = "section: " + section;
      node.appendChild(el("span", "idx", "¶" + (n + 1)));
      node.appendChild(document.createTextNode(text));
      for (const i of repairs) node.appendChild(chip(i, R[i].name, true));
      if (dup) node.appendChild(el("span", "dup", " duplicate of " + dup));
      pane.appendChild(node);
    });
    col.appendChild(pane);
    return col;
  }
  function card(d) {
    const details = el("details", "doc");
    details.open = true;
    details.id = "doc-" + d.id;
    const summary = el("summary");
    summary.appendChild(el("h3", null, d.title || "(no title)"));
    summary.appendChild(el("span", "docid", d.id + " "));
    for (const [i, n] of d.removed) summary.appendChild(chip(i, R[i].name + " ×" + n, false));
    for (const i of d.repairs) summary.appendChild(chip(i, R[i].name, true));
    details.appendChild(summary);
    details.appendChild(metaList(d));
    const cols = el("div", "cols");
    cols.appendChild(leftColumn(d));
    cols.appendChild(keptColumn(d));
    details.appendChild(cols);
    return details;
  }

  // --- list and pages ------------------------------------------------------------------
  function pager(box, total, pages) {
    box.replaceChildren();
    if (pages <= 1) return;
    const prev = el("button", null, "← previous");
    prev.type = "button";
    prev.disabled = state.page === 0;
    prev.addEventListener("click", () => turn(state.page - 1));
    const next = el("button", null, "next →");
    next.type = "button";
    next.disabled = state.page >= pages - 1;
    next.addEventListener("click", () => turn(state.page + 1));
    box.append(prev, el("span", null, "page " + (state.page + 1) + " of " + pages), next);
  }
  function turn(page) {
    state.page = page;
    render();
    document.getElementById("controls").scrollIntoView();
  }
  function render() {
    const list = docs.filter(matches);
    const size = D.page_size;
    const pages = Math.max(1, Math.ceil(list.length / size));
    state.page = Math.min(state.page, pages - 1);
    const shown = list.slice(state.page * size, (state.page + 1) * size);
    const box = document.getElementById("docs");
    box.replaceChildren(...shown.map(card));
    if (!shown.length) box.appendChild(el("p", "empty", "No document matches these filters."));
    document.getElementById("match-count").textContent =
      list.length + " of " + docs.length + " documents on this page match" +
      (docs.length < D.corpus_documents ? " (" + D.corpus_documents + " in the corpus)" : "");
    pager(document.getElementById("pager-top"), list.length, pages);
    pager(document.getElementById("pager-bottom"), list.length, pages);
    document.body.dataset.rendered = String(shown.length);
    writeAddress();
  }

  // --- the rules table -----------------------------------------------------------------
  function sortable(table) {
    const heads = table.querySelectorAll("th");
    heads.forEach((th, column) => {
      let descending = column > 1;
      th.addEventListener("click", () => {
        const body = table.tBodies[0];
        const key = (row) => {
          const text = row.cells[column].textContent;
          const number = Number(text.replace(/,/g, ""));
          return Number.isNaN(number) ? text : number;
        };
        const rows = [...body.rows].sort((a, b) => {
          const x = key(a);
          const y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
        });
        descending = !descending;
        body.replaceChildren(...rows);
      });
    });
  }
  for (const table of document.querySelectorAll("table.sortable")) sortable(table);
  for (const button of document.querySelectorAll("#rules button[data-rule]")) {
    const i = Number(button.dataset.rule);
    button.title = describe(i) + " — click to list the documents on this page it touched";
    button.addEventListener("click", () => chooseRule(i));
  }

  buildControls();
  readAddress();
  render();
  window.addEventListener("hashchange", () => {
    if (window.location.hash.indexOf("=") >= 0) {
      readAddress();
      render();
    }
  });
})();

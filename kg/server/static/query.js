// The query page: pick an example, run it against /sparql, show the answer as a table.
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  const select = document.getElementById("example");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const truncated = document.getElementById("truncated");
  const examples = JSON.parse(document.getElementById("examples").textContent || "{}");
  const dataBase = form.dataset.dataBase;
  const root = form.dataset.root || "";

  function localHref(iri) {
    if (!iri.startsWith(dataBase)) return iri;
    const rest = iri.slice(dataBase.length);
    return root + (rest.startsWith("id/") ? "/doc/" + rest.slice(3) : "/" + rest);
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = localHref(term.value);
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = term.datatype;
    }
    return td;
  }

  function showTable(data) {
    const table = document.createElement("table");
    table.id = "results-table";
    const head = table.createTHead().insertRow();
    data.head.vars.forEach(function (v) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    });
    const body = table.createTBody();
    data.results.bindings.forEach(function (row) {
      const tr = body.insertRow();
      data.head.vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    results.replaceChildren(table);
    status.textContent = data.results.bindings.length + " rows";
  }

  select.addEventListener("change", function () {
    const example = examples[select.value];
    if (example) textarea.value = example.sparql;
  });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    status.textContent = "running…";
    truncated.hidden = true;
    const started = performance.now();
    try {
      const response = await fetch(root + "/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: textarea.value }),
      });
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        results.replaceChildren();
        status.textContent = "error " + response.status + ": " + (await response.text());
        return;
      }
      truncated.hidden = response.headers.get("KG-Result-Truncated") !== "true";
      if (type.startsWith("application/sparql-results+json")) {
        const data = await response.json();
        if (typeof data.boolean === "boolean") {
          results.textContent = "Answer: " + data.boolean;
          status.textContent = "";
        } else {
          showTable(data);
        }
      } else {
        const pre = document.createElement("pre");
        pre.textContent = await response.text();
        results.replaceChildren(pre);
        status.textContent = "graph";
      }
      status.textContent += " · " + Math.round(performance.now() - started) + " ms";
    } catch (error) {
      status.textContent = "error: " + error;
    }
  });
})();

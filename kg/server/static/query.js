// The query page: YASGUI (vendored, no network beyond this server) bound to our /sparql endpoint,
// the competency questions as ready-made examples, results as a table (YASR's table plugin).
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  const select = document.getElementById("example");
  const status = document.getElementById("status");
  const truncated = document.getElementById("truncated");
  const examples = JSON.parse(document.getElementById("examples").textContent || "{}");
  const firstQuery = JSON.parse(document.getElementById("first-query").textContent || '""');
  const dataBase = form.dataset.dataBase;
  const root = form.dataset.root || "";
  const endpoint = new URL(root + "/sparql", window.location.href).href;

  // Everything that could reach another host is switched off: LOV class/property completion
  // (only the bundled prefix list and variable names complete), prefix.cc, CORS proxy, other endpoints.
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.prefixCcApi = null;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {
      endpoint: endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle",
    },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    copyEndpointOnNewTab: true,
    populateFromUrl: false,
    persistenceId: null,
    corsProxy: undefined,
    autofocus: false,
    yasr: { defaultPlugin: "table", pluginOrder: ["table", "response"], persistenceId: null },
  });

  function yasqe() { return yasgui.getTab().getYasqe(); }

  yasqe().setValue(firstQuery);

  select.addEventListener("change", function () {
    const example = examples[select.value];
    if (example) yasqe().setValue(example.sparql);
  });

  const tab = yasgui.getTab();
  let started = 0;
  tab.getYasqe().on("query", function () {
    started = performance.now();
    status.textContent = "running…";
    truncated.hidden = true;
  });
  // The raw response: errors and the row-cap header (KG-Result-Truncated).
  tab.getYasqe().on("queryResponse", function (_yasqe, response) {
    const headers = response && response.headers;
    const cut = headers && headers.get ? headers.get("KG-Result-Truncated") : null;
    truncated.hidden = cut !== "true";
    if (response && response.status >= 400) {
      status.textContent = "error " + response.status;
    }
  });
  // Once YASR has drawn the answer: how many rows and how long it took.
  tab.getYasr().on("drawn", function (yasr) {
    const results = yasr.results;
    if (!results) return;
    const failed = results.getError();
    if (failed) {
      status.textContent = "error " + (failed.status || "") + ": " + (failed.text || "");
      return;
    }
    const rows = results.getBindings();
    const what = rows ? rows.length + " rows" : results.getBoolean && results.getBoolean() !== undefined ? "yes/no answer" : "graph";
    status.textContent = what + " · " + Math.round(performance.now() - started) + " ms";
  });

  // Links in results point at the data IRIs (https://w3id.org/conflict-kg/…): open this server's page.
  document.getElementById("yasgui").addEventListener("click", function (event) {
    const a = event.target.closest && event.target.closest("a[href]");
    if (!a || !a.href.startsWith(dataBase)) return;
    const rest = a.href.slice(dataBase.length);
    event.preventDefault();
    window.location.href = root + (rest.startsWith("id/") ? "/doc/" + rest.slice(3) : "/" + rest);
  }, true);
})();

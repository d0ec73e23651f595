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

  let started = 0;
  yasgui.on("query", function () {
    started = performance.now();
    status.textContent = "running…";
    truncated.hidden = true;
  });
  yasgui.on("queryResponse", function (_yasgui, tab) {
    const ms = Math.round(performance.now() - started);
    const response = tab.getYasr().results;
    const failed = response && response.getError && response.getError();
    if (failed) {
      status.textContent = "error " + (failed.status || "") + ": " + (failed.text || failed.statusText || "");
      return;
    }
    const headers = (response && response.getOriginalResponse && response.getOriginalResponse().headers) || {};
    const cut = headers["kg-result-truncated"] || (headers.get && headers.get("KG-Result-Truncated"));
    truncated.hidden = cut !== "true";
    const rows = response && response.getBindings ? response.getBindings() : null;
    status.textContent = (rows ? rows.length + " rows" : "answer") + " · " + ms + " ms";
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

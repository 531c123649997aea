// The return form: show the RAG the typed value earns, as the server calculates it
// (GET the measure's rag/ URL). Without JavaScript the "Check the RAG" button does the same.
(function () {
  "use strict";
  const form = document.getElementById("return-form");
  if (!form || !window.fetch) return;
  const url = form.dataset.ragUrl;
  const value = form.querySelector("#id_value");
  const notAvailable = form.querySelector("#id_not_available");
  const output = document.getElementById("rag-preview");
  let timer = null;

  function show(data) {
    output.replaceChildren();
    if (data.problem) {
      output.append(data.problem);
      return;
    }
    const badge = document.createElement("span");
    badge.className = "rag rag-" + data.rag;
    const shape = document.createElement("span");
    shape.className = "rag-shape";
    shape.setAttribute("aria-hidden", "true");
    badge.append(shape, data.label);
    output.append("The figure earns ", badge, " (not saved yet)");
  }

  function update() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      const typed = notAvailable && notAvailable.checked ? "" : value.value;
      fetch(url + "?value=" + encodeURIComponent(typed), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) show(data); })
        .catch(function () { /* the server-side check still works */ });
    }, 300);
  }

  if (value) value.addEventListener("input", update);
  if (notAvailable) notAvailable.addEventListener("change", update);
})();

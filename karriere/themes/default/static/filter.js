/* Vacancy filter: matches the listed cards against stellen/index.json; keeps the choice in the URL. */
(function () {
  var form = document.getElementById("filter");
  var count = document.getElementById("anzahl");
  if (!form || !count || !window.fetch || !window.URLSearchParams) return;
  var keys = ["kategorie", "arbeitgeber", "ort", "beruf", "teilzeit"];
  var cards = [].slice.call(document.querySelectorAll(".cards > li"));
  function field(k) { return form.elements[k]; }
  function value(el) { return el.type === "checkbox" ? (el.checked ? el.value : "") : el.value; }
  fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (index) {
    // By slug: a list in another language links the same vacancy under /<code>/.
    function slug(url) { return url.split("/").filter(Boolean).pop(); }
    var byUrl = {};
    index.vacancies.forEach(function (v) { byUrl[slug(v.url)] = v; });
    var query = new URLSearchParams(location.search);
    keys.forEach(function (k) {
      var el = field(k);
      if (el && query.has(k)) el.type === "checkbox" ? el.checked = query.get(k) === el.value : el.value = query.get(k);
    });
    function apply() {
      var params = new URLSearchParams(), shown = 0;
      keys.forEach(function (k) { var el = field(k); if (el && value(el)) params.set(k, value(el)); });
      cards.forEach(function (li) {
        var v = byUrl[slug(li.querySelector("a").getAttribute("href"))] || {};
        var ok = keys.every(function (k) {
          var want = params.get(k), have = v[k];
          return !want || (Array.isArray(have) ? have.indexOf(want) >= 0 : have === want);
        });
        li.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown === 1 ? form.dataset.one : shown ? form.dataset.many.replace("{count}", shown) : form.dataset.none;
      var q = params.toString();
      history.replaceState(null, "", q ? "?" + q : location.pathname);
    }
    form.hidden = false;
    /* One way to narrow: the form replaces the links that do the same without JS. */
    [].forEach.call(document.querySelectorAll(".refine-links"), function (nav) { nav.hidden = true; });
    if (location.search && form.closest("details")) form.closest("details").open = true;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  });
})();

/* The search on /suche/ and /stellen/ (outputs/search.py): Pagefind, loaded from the site
   once it is needed, searches as the visitor types or ticks a facet; the count is announced
   in the live region #anzahl and the choice kept in the address. */
(function () {
  var form = document.querySelector("form[data-search]");
  var facets = document.querySelector("form[data-facets]");
  var count = document.getElementById("anzahl");
  var box = document.querySelector("[data-search-results]");
  if (!form || !count || !box || !window.URLSearchParams) return;
  var d = form.dataset, input = form.elements.q, list = box.querySelector("ul");
  var more = box.querySelector("[data-search-more]"), vacancies = d.search === "vacancies";
  var keys = ["art", "kategorie", "arbeitgeber", "ort", "beruf", "teilzeit", "ohne-anschreiben"];
  var listed = count.textContent, serial = 0, timer = 0, found = [], loading = null;
  var others = [].filter.call(box.parentNode.children, function (el) { return el !== box; });
  var PAGE = 20;

  function load() {
    if (!loading) loading = import(d.bundle + "pagefind.js").then(function (pagefind) {
      return pagefind.init().then(function () { return pagefind; });
    });
    return loading;
  }
  function boxes(key) { return facets ? [].slice.call(facets.querySelectorAll("input[name=" + key + "]")) : []; }
  function chosen() {
    var q = input.value.trim(), filters = {}, params = new URLSearchParams();
    if (q) params.set("q", q);
    keys.forEach(function (key) {
      var on = boxes(key).filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      on.forEach(function (value) { params.append(key, value); });
      if (on.length) filters[key] = { any: on };
    });
    return { q: q, filters: filters, params: params.toString() };
  }
  function show(on) {
    box.hidden = !on;
    others.forEach(function (el) { el.hidden = on; });
  }
  function say(n) {
    count.textContent = n === 1 ? d.one : n ? d.many.replace("{count}", n) : d.none;
  }
  function fact(dl, name, value) {
    if (!value) return;
    var div = document.createElement("div"), dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = name; dd.textContent = value;
    div.appendChild(dt); div.appendChild(dd); dl.appendChild(div);
  }
  function tag(tags, cls, text) {
    var span = document.createElement("span");
    span.className = cls; span.textContent = text; tags.appendChild(span);
  }
  function card(item, words) {
    var m = item.meta || {}, li = document.createElement("li"), h = document.createElement("h2");
    var a = document.createElement("a"), dl = document.createElement("dl");
    li.className = "card"; h.className = "card-title"; dl.className = "facts";
    a.href = item.url; a.textContent = m.title || item.url;
    h.appendChild(a); li.appendChild(h);
    var tags = document.createElement("p");
    tags.className = "tags";
    if (!vacancies && m.art) tag(tags, "tag", m.art);
    if (m.badge) tag(tags, "tag tag-ok", m.badge);  /* "Bewerbung ohne Anschreiben" */
    if (tags.firstChild) li.appendChild(tags);
    fact(dl, d.place, m.ort); fact(dl, d.deadline, m.frist);
    if (dl.firstChild) li.appendChild(dl);
    if (words && item.excerpt) {  /* Pagefind's excerpt: escaped text with <mark> around the words */
      var p = document.createElement("p");
      p.className = "excerpt"; p.innerHTML = item.excerpt; li.appendChild(p);
    }
    return li;
  }
  function next(id, words) {
    var from = list.children.length;
    return Promise.all(found.slice(from, from + PAGE).map(function (r) { return r.data(); })).then(function (items) {
      if (id !== serial) return;
      items.forEach(function (item) { list.appendChild(card(item, words)); });
      more.hidden = list.children.length >= found.length;
      return list.children[from];
    });
  }
  function failed() { count.textContent = d.failed; }
  function run() {
    var c = chosen(), id = ++serial;
    history.replaceState(null, "", c.params ? "?" + c.params : location.pathname);
    if (!c.params) { show(false); count.textContent = vacancies ? listed : ""; return; }
    var options = { filters: c.filters };
    if (vacancies) options.filters.art = "vacancy";
    if (vacancies && !c.q) { options.sort = {}; options.sort[d.sort] = d.sort === "frist" ? "asc" : "desc"; }
    load().then(function (pagefind) { return pagefind.search(c.q || null, options); }).then(function (search) {
      if (id !== serial || !search) return;
      found = search.results; list.textContent = "";
      return next(id, !!c.q).then(function () {
        if (id !== serial) return;
        show(true); say(found.length);
      });
    }).catch(failed);
  }

  var query = new URLSearchParams(location.search);
  input.value = query.get("q") || "";
  keys.forEach(function (key) {
    var wanted = query.getAll(key);
    boxes(key).forEach(function (c) { c.checked = wanted.indexOf(c.value) >= 0; });
  });
  if (facets) {
    facets.hidden = false;
    /* One way to narrow: the facets replace the links that do the same without JS. */
    [].forEach.call(document.querySelectorAll(".refine-links"), function (nav) { nav.hidden = true; });
    var ticked = keys.some(function (key) { return query.has(key); });
    if (ticked && facets.closest("details")) facets.closest("details").open = true;
    facets.addEventListener("change", run);
    facets.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    facets.addEventListener("reset", function () { setTimeout(run, 0); });
  }
  input.addEventListener("focus", function () { load().catch(failed); }, { once: true });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 300); });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  more.addEventListener("click", function () {
    next(serial, !!input.value.trim()).then(function (first) { if (first) first.querySelector("a").focus(); });
  });
  if (query.toString()) run();
})();
